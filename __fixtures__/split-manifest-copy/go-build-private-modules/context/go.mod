module github.com/acme/svc
