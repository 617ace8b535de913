module example.com/server

go 1.22

replace example.com/internal/lib => ./lib
