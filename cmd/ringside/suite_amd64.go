//go:build tamago && amd64

package main

func init() {
	archSuite = []testCase{
		// Debian has no aarch64 musl cross compiler: amd64 only.
		{name: "musl static binary starts and prints",
			prog: "hello-musl", args: []string{"hello-musl", "7"},
			status: 7, output: []string{"hello from hello-musl"}},
		{name: "integer divide by zero is SIGFPE",
			prog: "fault", args: []string{"fault", "div0"},
			status: 128 + 8, output: []string{"SIGFPE", "idiv"}},
		{name: "int3 is SIGTRAP",
			prog: "fault", args: []string{"fault", "int3"},
			status: 128 + 5, output: []string{"SIGTRAP"}},
	}
}
