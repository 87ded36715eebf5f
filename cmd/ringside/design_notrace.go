//go:build tamago && !ptracesyscall && !ptracesysemu

package main

import "github.com/ringside-kernel/ringside/ptrace"

// initTraceMode is ModeNone: init runs untraced (see design_ptrace.go).
var initTraceMode = ptrace.ModeNone
