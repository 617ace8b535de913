module example.com/api

go 1.22

require example.com/store v0.0.0

replace example.com/gen => ../../third_party/gen
