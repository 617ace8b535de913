FROM debian:bookworm-slim
COPY .clisprc.lisp /home/user/.clisprc.lisp
RUN wget -O /home/user/quicklisp.lisp https://beta.quicklisp.org/quicklisp.lisp
