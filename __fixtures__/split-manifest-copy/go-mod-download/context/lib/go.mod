module example.com/internal/lib
