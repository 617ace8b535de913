// Types for bench/run-bodies.mjs (used by test/shell/corpus.test.ts).
export interface RunBody {
  file: string;
  raw: string;
  escape: string;
}
export interface Skipped {
  exec: number;
  heredoc: number;
  nonPosix: number;
}
export function isContinued(line: string, escape: string): boolean;
export function escapeOf(text: string): string;
export function runBodies(content: string): { bodies: { raw: string; escape: string }[]; skipped: Skipped };
export function dockerfilesUnder(dir: string): string[];
export function corpusRunBodies(dir: string): { files: number; bodies: RunBody[]; skipped: Skipped };
export function logicalText(raw: string, escape?: string): string;
