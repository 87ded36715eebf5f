package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// oneSyscallMachine enters user mode once and comes back with syscall
// nr; an exit_group follows if the task is still alive.
type oneSyscallMachine struct {
	Machine // the rest is not called

	e  *sysEnv
	nr int
	n  int
}

func (m *oneSyscallMachine) CPU() uint32         { return 0 }
func (m *oneSyscallMachine) Switch(mm.PageTable) {}

func (m *oneSyscallMachine) Run(Context) Trap {
	m.n++
	if m.n == 1 {
		m.e.t.Regs.SetSyscallNr(m.nr)
	} else {
		m.e.t.Regs.SetSyscallNr(m.e.nr(abi.SysExitGroup))
		m.e.t.Regs.SetSyscallArgs([6]uint64{5})
	}
	return Trap{Kind: TrapSyscall}
}

func TestKernelBugKillsOnlyTheTask(t *testing.T) {
	e := newEnv(t)
	e.k.Machine = &oneSyscallMachine{e: e, nr: e.nr(abi.SysGetpid)}

	saved := sysTable[abi.SysGetpid]
	sysTable[abi.SysGetpid] = sysEntry{"getpid",
		func(*Task) (int64, abi.Errno) { panic("handler bug") }}
	defer func() { sysTable[abi.SysGetpid] = saved }()

	status := e.k.Run(e.t)

	assert.Equal(t, 128+int(abi.SIGKILL), status)
	assert.Contains(t, e.out.String(),
		"task 1 (prog): kernel bug at ip")
	assert.Contains(t, e.out.String(), "handler bug; task killed")
	assert.Empty(t, e.k.Tasks(), "the task is reaped")
}

func TestRunReturnsTheExitStatus(t *testing.T) {
	e := newEnv(t)
	e.k.Machine = &oneSyscallMachine{e: e, nr: e.nr(abi.SysGettid)}

	assert.Equal(t, 5, e.k.Run(e.t))
	assert.Empty(t, e.k.Tasks())
}
