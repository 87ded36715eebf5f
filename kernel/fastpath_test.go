package kernel

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/fastpath"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// fastEnvContext is envContext with a fast syscall path.
type fastEnvContext struct {
	envContext
	fast fastpath.Path
}

func (c *fastEnvContext) SetFastSyscalls(p fastpath.Path) { c.fast = p }

// fastMachine plays a script of syscalls (number, first argument) and
// models the machine's fast path in Go, as FastSyscalls specifies it,
// so that the kernel's half of the contract is tested on the host:
// entry.s implements the same steps in assembly.
type fastMachine struct {
	Machine // the rest is not called

	t      *testing.T
	e      *sysEnv
	script [][3]uint64
	runs   int // Run calls, one per return to Kernel.Run
	fast   int // syscalls the fast path completed
}

func (m *fastMachine) CPU() uint32         { return 0 }
func (m *fastMachine) Switch(mm.PageTable) {}

func (m *fastMachine) Run(ctx Context) Trap {
	m.runs++
	p := ctx.(*fastEnvContext).fast
	task := m.e.t
	work, rseqWord := task.FastPathWords()
	regs := ctx.Regs()

	for len(m.script) > 0 {
		regs.SetSyscallNr(int(m.script[0][0]))
		regs.SetSyscallArgs([6]uint64{m.script[0][1], m.script[0][2]})
		m.script = m.script[1:]

		nr := uint64(regs.SyscallNr())
		if nr >= p.NCalls {
			return Trap{Kind: TrapSyscall} // the path is off
		}

		// The addresses are the task's own: the model reads through
		// the task, and checks that they are.
		require.Equal(m.t, uintptr(unsafe.Pointer(task)), p.Task)
		require.Equal(m.t, uintptr(unsafe.Pointer(work)), p.Work)
		require.Equal(m.t, uintptr(unsafe.Pointer(rseqWord)), p.Rseq)
		calls := task.fastCalls
		require.Equal(m.t, uintptr(unsafe.Pointer(&calls[0])), p.Calls)
		require.Equal(m.t, uint64(len(calls)), p.NCalls)
		require.Equal(m.t, uintptr(unsafe.Pointer(&m.e.k.current)),
			p.Current)

		if *work&p.Mask != 0 {
			return Trap{Kind: TrapSyscall}
		}
		fn := calls[nr]
		if fn == nil {
			return Trap{Kind: TrapSyscall}
		}

		v, errno := fn(task)
		if errno != 0 {
			v = errno.Ret()
		}
		regs.SetReturn(v)

		if *work&p.Mask != 0 || *rseqWord != 0 || m.e.k.current != task {
			return Trap{Kind: TrapSyscallExit}
		}
		m.fast++
	}
	panic("script ended with the task alive")
}

func newFastEnv(t *testing.T, script ...[3]uint64) (*sysEnv, *fastMachine) {
	e := newEnv(t)
	c := &fastEnvContext{envContext: *e.t.Ctx.(*envContext)}
	e.t.Ctx = c
	m := &fastMachine{t: t, e: e, script: script}
	e.k.Machine = m
	return e, m
}

// step is a script entry: syscall s with two arguments.
func (e *sysEnv) step(s abi.Sys, a0, a1 uint64) [3]uint64 {
	return [3]uint64{uint64(e.nr(s)), a0, a1}
}

func TestFastPathRunsSyscallsWithoutWork(t *testing.T) {
	skipWithoutFastExit(t)
	e, m := newFastEnv(t)
	m.script = [][3]uint64{e.step(abi.SysGetpid, 0, 0),
		e.step(abi.SysGettid, 0, 0), e.step(abi.SysExitGroup, 3, 0)}

	assert.Equal(t, 3, e.k.Run(e.t))
	assert.Equal(t, 2, m.fast, "getpid and gettid took the fast path")
	assert.Equal(t, 1, m.runs, "Run was entered once, for exit_group")
}

func TestFastPathLeavesTaskEndingCallsToRun(t *testing.T) {
	e := newEnv(t)
	calls := fastTable(e.t.Arch)
	for _, s := range slowCalls {
		assert.Nil(t, calls[e.nr(s)], "%v on the fast path", s)
	}
	assert.NotNil(t, calls[e.nr(abi.SysGetpid)])
}

func TestFastPathHandsExitWorkToEntry(t *testing.T) {
	skipWithoutFastExit(t)
	e, m := newFastEnv(t)
	// getppid stands in for any handler that leaves exit work.
	saved := sysTable[abi.SysGetppid]
	sysTable[abi.SysGetppid] = sysEntry{"getppid",
		func(t *Task) (int64, abi.Errno) {
			t.SetWork(entry.WorkNeedResched)
			return 7, 0
		}}
	defer func() { sysTable[abi.SysGetppid] = saved }()
	m.script = [][3]uint64{e.step(abi.SysGetppid, 0, 0),
		e.step(abi.SysGetpid, 0, 0), e.step(abi.SysExitGroup, 0, 0)}

	assert.Equal(t, 0, e.k.Run(e.t))
	assert.Equal(t, 1, m.fast, "getpid only: getppid left work")
	assert.Equal(t, 2, m.runs, "getppid's exit ran in entry")
	assert.Zero(t, e.t.Work()&entry.WorkNeedResched, "entry handled it")
}

func TestFastPathStaysOffWithEntryWork(t *testing.T) {
	e, m := newFastEnv(t)
	// The seccomp slot is entry work that does nothing yet.
	e.t.SetWork(entry.WorkSeccomp)
	m.script = [][3]uint64{e.step(abi.SysGetpid, 0, 0),
		e.step(abi.SysExitGroup, 0, 0)}

	assert.Equal(t, 0, e.k.Run(e.t))
	assert.Zero(t, m.fast)
	assert.Equal(t, 2, m.runs)
}

func TestFastPathIsOffWhileTracing(t *testing.T) {
	e, m := newFastEnv(t)
	e.k.Trace = true
	m.script = [][3]uint64{e.step(abi.SysGetpid, 0, 0),
		e.step(abi.SysExitGroup, 0, 0)}

	assert.Equal(t, 0, e.k.Run(e.t))
	assert.Zero(t, m.fast, "every call reaches Dispatch's log")
	assert.Contains(t, e.out.String(), "getpid(0x0")
}

func TestFastPathRseqWorkGoesThroughEntry(t *testing.T) {
	skipWithoutFastExit(t)
	e, m := newFastEnv(t)
	m.script = [][3]uint64{
		e.step(abi.SysRseq, dataAddr, 32), e.step(abi.SysGetpid, 0, 0),
		e.step(abi.SysExitGroup, 0, 0)}

	assert.Equal(t, 0, e.k.Run(e.t))
	require.True(t, e.t.Rseq.Registered())
	assert.Equal(t, 1, m.fast, "registration left the IDs to write")
	assert.Equal(t, 2, m.runs)
}

// skipWithoutFastExit skips a test that needs syscalls to finish on the fast
// path, in the designs where none does: genericentry (no fast path),
// and rseqeager and rseqdebug, which hand every exit to the generic
// entry (the rseq word FastPathWords gives is never zero there).
func skipWithoutFastExit(t *testing.T) {
	var th entry.Thread
	if _, word := th.FastPathWords(); genericEntry || *word != 0 {
		t.Skip("this design finishes no syscall on the fast path")
	}
}
