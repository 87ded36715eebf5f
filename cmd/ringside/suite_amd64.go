//go:build tamago && amd64

package main

import (
	"errors"

	"github.com/ringside-kernel/ringside/arch/amd64"
)

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
		{name: "SMEP and SMAP are on where the CPU has them; user " +
			"copies and their EFAULTs work under SMAP",
			prog: "efault", output: []string{"efault: ok"},
			check: smepSmapOn},
	}
}

// smepSmapOn checks that CR4 has what CPUID offers of SMEP and SMAP.
func smepSmapOn() error {
	hasSMEP, hasSMAP := amd64.CPUHasSMEPSMAP()
	smep, smap := amd64.SMEPSMAP()
	if smep != hasSMEP || smap != hasSMAP {
		return errors.New("CR4.SMEP/SMAP do not match CPUID")
	}
	if !smap {
		return errors.New("the CPU has no SMAP: QEMU's -cpu max has")
	}
	return nil
}
