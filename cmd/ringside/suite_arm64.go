//go:build tamago && arm64

package main

func init() {
	archSuite = []testCase{
		{name: "brk is SIGTRAP",
			prog: "fault", args: []string{"fault", "brk"},
			status: 128 + 5, output: []string{"SIGTRAP", "brk"}},
	}
}
