package amd64

//go:generate go run mkvectors.go
