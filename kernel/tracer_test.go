package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
)

func TestInKernelTracer(t *testing.T) {
	tests := []struct {
		name          string
		mode          ptrace.Mode
		entries, exit uint64
	}{
		{"PTRACE_SYSCALL stops at entry and exit, the syscall runs",
			ptrace.ModeSyscall, 1, 1},
		{"PTRACE_SYSEMU stops at entry only, the tracer emulates it",
			ptrace.ModeSysemu, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			tr := e.t.Trace(tt.mode)

			e.t.Regs.SetSyscallNr(e.nr(abi.SysGetpid))
			e.t.Syscall(e.nr(abi.SysGetpid))

			assert.Equal(t, int64(e.t.PID), e.t.Regs.Return(),
				"getpid's result reaches the task")
			assert.Equal(t, tt.entries, tr.Entries)
			assert.Equal(t, tt.exit, tr.Exits)
		})
	}
}
