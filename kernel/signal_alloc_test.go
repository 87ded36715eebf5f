package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// The signal operations of user/bench.c, on the host. A signal round
// trip (tgkill to self, delivery to an SA_SIGINFO handler in the exit
// loop, rt_sigreturn) and sigprocmask must not touch the Go heap: an
// allocation per call is garbage the collector later charges to some
// call, which made the in-guest `signal` figure vary run to run.

// signalArches are the frame layouts the operations are checked on.
var signalArches = []struct {
	name string
	arch Arch
}{
	{"amd64", AMD64{}},
	{"arm64", ARM64{}},
}

// signalRoundTripEnv is a task with bench.c's SIGUSR1 handler installed.
func signalRoundTripEnv(tb testing.TB, arch Arch) *sysEnv {
	e := newEnvArch(tb, arch)
	e.handle(tb, abi.SIGUSR1, abi.SA_SIGINFO|abi.SA_RESTORER, 0)
	return e
}

// signalRoundTrip is one iteration: tgkill(pid, tid, SIGUSR1) through
// the entry code, the frame built on the way out, the handler's return
// through rt_sigreturn.
func (e *sysEnv) signalRoundTrip() {
	e.syscall(abi.SysTgkill, 1, 1, uint64(abi.SIGUSR1))
	e.sigreturn()
}

// sigprocmaskSame is bench.c's sigprocmask: the mask the task has, set
// again, the old one written out.
func (e *sysEnv) sigprocmaskSame() {
	e.syscall(abi.SysRtSigprocmask, abi.SIG_SETMASK, setAddr, osetAddr,
		abi.SigsetSize)
}

func TestSignalOperationsAllocateNothing(t *testing.T) {
	tests := []struct {
		name string
		op   func(e *sysEnv) func()
	}{
		{"signal round trip allocates nothing",
			func(e *sysEnv) func() { return e.signalRoundTrip }},
		{"sigprocmask allocates nothing",
			func(e *sysEnv) func() { return e.sigprocmaskSame }},
	}
	for _, tt := range tests {
		for _, a := range signalArches {
			t.Run(tt.name+" on "+a.name, func(t *testing.T) {
				e := signalRoundTripEnv(t, a.arch)
				op := tt.op(e)
				regs := e.t.Ctx.Regs()

				// The first call maps the pages the frame
				// uses; it is not what is measured.
				op()
				ip, sp := regs.InstructionPointer(),
					regs.StackPointer()

				allocs := testing.AllocsPerRun(100, op)

				assert.Zero(t, allocs, "allocations per call")
				assert.Equal(t, ip, regs.InstructionPointer())
				assert.Equal(t, sp, regs.StackPointer())
				assert.Zero(t, e.t.Work()&entry.WorkSigPending)
				assert.Zero(t, e.t.signals.blocked)
				assert.Empty(t, e.out.String())
			})
		}
	}
}

func TestSignalRoundTripRunsTheHandler(t *testing.T) {
	for _, a := range signalArches {
		t.Run("tgkill enters the handler, sigreturn comes back on "+
			a.name, func(t *testing.T) {
			e := signalRoundTripEnv(t, a.arch)
			regs := e.t.Ctx.Regs()

			e.syscall(abi.SysTgkill, 1, 1, uint64(abi.SIGUSR1))
			require.Equal(t, handler, regs.InstructionPointer())
			e.sigreturn()

			insn := amd64.SyscallInsnLen
			if a.arch.Name() == "aarch64" {
				insn = arm64.SyscallInsnLen
			}
			assert.Equal(t, uint64(textAddr+insn),
				regs.InstructionPointer(), "after the syscall")
			assert.Zero(t, regs.Return(), "tgkill's result")
		})
	}
}

func BenchmarkSignalRoundTrip(b *testing.B) {
	for _, a := range signalArches {
		b.Run(a.name, func(b *testing.B) {
			e := signalRoundTripEnv(b, a.arch)
			e.signalRoundTrip()
			b.ReportAllocs()
			for b.Loop() {
				e.signalRoundTrip()
			}
		})
	}
}
