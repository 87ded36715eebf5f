package kernel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/ringside-kernel/ringside/rseq"
)

// timerMachine is the Machine of the slice timer tests: Run plays a
// script of traps through Kernel.Run and records the slice timer calls.
// Each step first does what user mode did before the trap; the step's
// checks run when Run is next called, after the kernel handled the trap.
// An exhausted script ends the task with exit_group.
type timerMachine struct {
	Machine // the rest is not called

	e     *sysEnv
	steps []timerStep
	done  int
	calls []string
	t     *testing.T
}

// timerStep is one trap and the state the kernel must leave behind it.
type timerStep struct {
	user     func(tb testing.TB, e *sysEnv)
	trap     Trap
	wantCtrl uint32
	// wantCalls are the slice timer calls made so far.
	wantCalls []string
}

func (m *timerMachine) CPU() uint32         { return 0 }
func (m *timerMachine) Switch(mm.PageTable) {}

func (m *timerMachine) ArmSliceTimer(d time.Duration) {
	m.calls = append(m.calls, "arm "+d.String())
}

func (m *timerMachine) CancelSliceTimer() {
	m.calls = append(m.calls, "cancel")
}

func (m *timerMachine) Run(Context) Trap {
	if m.done > 0 {
		m.check(m.steps[m.done-1])
	}
	if m.done == len(m.steps) {
		m.done++
		nr := m.e.nr(abi.SysExitGroup)
		m.e.t.Regs.SetSyscallNr(nr)
		m.e.t.Regs.SetSyscallArgs([6]uint64{})
		return Trap{Kind: TrapSyscall}
	}

	s := m.steps[m.done]
	m.done++
	if s.user != nil {
		s.user(m.t, m.e)
	}
	if s.trap.Kind == TrapSyscall {
		m.e.t.Regs.SetSyscallArgs([6]uint64{})
	}
	return s.trap
}

func (m *timerMachine) check(s timerStep) {
	m.t.Helper()
	assert.Equal(m.t, s.wantCtrl, m.e.u32(m.t, sliceCtrlAddr),
		"slice_ctrl after step %d", m.done)
	assert.Equal(m.t, s.wantCalls, m.calls,
		"slice timer calls after step %d", m.done)
}

const sliceCtrlAddr = dataAddr + rseq.OffSliceCtrl

// slice_ctrl as the little-endian u32 user space sees.
const (
	ctrlRequest = 0x001
	ctrlGranted = 0x100
)

// requestSlice is user space asking for an extension.
func requestSlice(tb testing.TB, e *sysEnv) {
	e.putU32(tb, sliceCtrlAddr, ctrlRequest)
}

// callYield is user space calling rseq_slice_yield (a TrapSyscall).
func callYield(_ testing.TB, e *sysEnv) {
	e.t.Regs.SetSyscallNr(e.nr(abi.SysRseqSliceYield))
}

// runTimerScript runs a task that enabled slice extension at
// registration through steps, and returns the machine and the task's
// exit status.
func runTimerScript(t *testing.T, arch Arch, steps []timerStep) (
	*timerMachine, int) {
	e := newEnvArch(t, arch)
	m := &timerMachine{e: e, t: t}
	e.k.Machine = m
	on := uint64(rseq.RSEQ_FLAG_SLICE_EXT_DEFAULT_ON)
	require.Zero(t, e.call(abi.SysRseq, dataAddr, 32, on, 0x53053053))

	// An interrupt return first writes the IDs the registration asked
	// for: work that would deny a grant.
	first := timerStep{trap: Trap{Kind: TrapInterrupt}}
	m.steps = append([]timerStep{first}, steps...)
	return m, e.k.Run(e.t)
}

func TestSliceTimer(t *testing.T) {
	armed := "arm " + SliceGrant.String()
	ended := []string{armed, "cancel"}
	tick := Trap{Kind: TrapTick}
	expiry := Trap{Kind: TrapSliceTimer}
	syscall := Trap{Kind: TrapSyscall}
	granted := timerStep{user: requestSlice, trap: tick,
		wantCtrl: ctrlGranted, wantCalls: []string{armed}}
	yielded := timerStep{user: callYield, trap: syscall, wantCalls: ended}

	tests := []struct {
		name  string
		steps []timerStep
		// killed: the last step kills the task, no exit_group.
		killed bool
	}{
		{name: "a grant arms the slice timer for 5 µs",
			steps: []timerStep{granted}},
		{name: "the expiry revokes the grant",
			steps: []timerStep{granted,
				{trap: expiry, wantCalls: ended}}},
		{name: "rseq_slice_yield cancels the slice timer",
			steps: []timerStep{granted, yielded}},
		{name: "a tick before the expiry revokes and cancels",
			steps: []timerStep{granted, {trap: tick, wantCalls: ended}}},
		// A reschedule would grant the new request.
		{name: "an expiry after the grant ended asks for nothing",
			steps: []timerStep{granted, yielded,
				{user: requestSlice, trap: expiry,
					wantCtrl: ctrlRequest, wantCalls: ended}}},
		{name: "a task that dies with a grant cancels its slice timer",
			steps: []timerStep{granted,
				{trap: Trap{Kind: TrapFault, Vector: 13}}},
			killed: true},
	}
	for _, arch := range []Arch{AMD64{}, ARM64{}} {
		for _, tt := range tests {
			t.Run(arch.Name()+"/"+tt.name, func(t *testing.T) {
				m, status := runTimerScript(t, arch, tt.steps)

				if !tt.killed {
					assert.Equal(t, 0, status)
					return
				}
				assert.NotZero(t, status)
				assert.Equal(t, len(m.steps), m.done, "no exit_group")
				assert.Equal(t, ended, m.calls)
			})
		}
	}
}
