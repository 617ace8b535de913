# nothing to build yet
# TODO
