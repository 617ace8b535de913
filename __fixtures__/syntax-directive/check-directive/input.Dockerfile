# check=skip=JSONArgsRecommended
FROM alpine
CMD echo hi
