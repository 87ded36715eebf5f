//go:build tamago && (ptracesyscall || ptracesysemu)

package main

import "github.com/ringside-kernel/ringside/ptrace"

// initTraceMode attaches the in-kernel tracer (kernel.Tracer) to init:
// the ptracesyscall and ptracesysemu designs of docs/designs.md.
var initTraceMode = func() ptrace.Mode {
	if ptraceSysemu {
		return ptrace.ModeSysemu
	}
	return ptrace.ModeSyscall
}()
