//go:build tamago && amd64

package main

func init() {
	archSuite = []testCase{
		{name: "integer divide by zero is SIGFPE",
			prog: "fault", args: []string{"fault", "div0"},
			status: 128 + 8, output: []string{"SIGFPE", "idiv"}},
		{name: "int3 is SIGTRAP",
			prog: "fault", args: []string{"fault", "int3"},
			status: 128 + 5, output: []string{"SIGTRAP"}},
	}
}
