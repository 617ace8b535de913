package main

import (
	"fmt"
	"log"
	"net/http"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	http.HandleFunc("/version", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, version)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
