FROM continuumio/miniconda3:24.1.2-0
COPY environment.yml .
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked \
    conda env update -n base -f environment.yml
