package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

const (
	actAddr  = dataAddr         // struct sigaction in
	oactAddr = dataAddr + 0x100 // struct sigaction out
	setAddr  = dataAddr + 0x200 // sigset / stack_t in
	osetAddr = dataAddr + 0x300 // sigset / stack_t out
	handler  = uint64(0x401000) // a user handler address
	restorer = uint64(0x401100) // its sa_restorer
)

func TestRtSigactionErrors(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want abi.Errno
	}{
		{"sigsetsize not 8", []uint64{10, actAddr, 0, 4}, abi.EINVAL},
		{"signal 0", []uint64{0, actAddr, 0, 8}, abi.EINVAL},
		{"signal 65", []uint64{65, actAddr, 0, 8}, abi.EINVAL},
		{"new action for SIGKILL", []uint64{9, actAddr, 0, 8}, abi.EINVAL},
		{"new action for SIGSTOP", []uint64{19, actAddr, 0, 8},
			abi.EINVAL},
		{"unreadable action", []uint64{10, holeAddr, 0, 8}, abi.EFAULT},
		{"fault before the signal check", []uint64{0, holeAddr, 0, 8},
			abi.EFAULT},
		{"old action not writable", []uint64{10, 0, roAddr, 8},
			abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.poke(t, actAddr, abi.Sigaction{Handler: handler}.Encode())

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysRtSigaction, tt.args...))
		})
	}
}

func TestRtSigactionStoresAndReturnsOld(t *testing.T) {
	e := newEnv(t)
	act := abi.Sigaction{Handler: handler,
		Flags:    abi.SA_SIGINFO | abi.SA_RESTORER | abi.SA_UNSUPPORTED,
		Restorer: restorer,
		Mask:     abi.SigMask(abi.SIGKILL) | abi.SigMask(abi.SIGUSR2)}
	e.poke(t, actAddr, act.Encode())

	require.Zero(t, e.call(abi.SysRtSigaction, 10, actAddr, oactAddr, 8))
	assert.Equal(t, abi.Sigaction{}.Encode(), e.peek(t, oactAddr, 32),
		"old action is SIG_DFL")

	require.Zero(t, e.call(abi.SysRtSigaction, 10, 0, oactAddr, 8))
	got := abi.DecodeSigaction(e.peek(t, oactAddr, 32))
	assert.Equal(t, abi.Sigaction{Handler: handler,
		Flags:    abi.SA_SIGINFO | abi.SA_RESTORER,
		Restorer: restorer, Mask: abi.SigMask(abi.SIGUSR2)}, got,
		"unknown flags and SIGKILL in the mask are dropped")
}

func TestRtSigactionQueryOfSIGKILLIsAllowed(t *testing.T) {
	e := newEnv(t)

	assert.Zero(t, e.call(abi.SysRtSigaction, 9, 0, oactAddr, 8))
}

func TestIgnoringAPendingSignalDiscardsIt(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGUSR1)
	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	require.NotZero(t, e.t.signals.pending)
	e.poke(t, actAddr, abi.Sigaction{Handler: abi.SIG_IGN}.Encode())

	require.Zero(t, e.call(abi.SysRtSigaction, 10, actAddr, 0, 8))

	assert.Zero(t, e.t.signals.pending)
}

func TestRtSigprocmask(t *testing.T) {
	usr1, usr2 := abi.SigMask(abi.SIGUSR1), abi.SigMask(abi.SIGUSR2)
	kill := abi.SigMask(abi.SIGKILL)
	tests := []struct {
		name    string
		start   uint64
		how     uint64
		set     uint64
		want    uint64
		wantErr abi.Errno
	}{
		{"block adds", usr1, abi.SIG_BLOCK, usr2, usr1 | usr2, 0},
		{"unblock removes", usr1 | usr2, abi.SIG_UNBLOCK, usr2, usr1, 0},
		{"setmask replaces", usr1, abi.SIG_SETMASK, usr2, usr2, 0},
		{"SIGKILL is never blocked", 0, abi.SIG_BLOCK, kill | usr1, usr1,
			0},
		{"unknown how", usr1, 3, usr2, usr1, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.t.signals.blocked = tt.start
			e.putU64(t, setAddr, tt.set)

			r := e.call(abi.SysRtSigprocmask, tt.how, setAddr, osetAddr, 8)

			assert.Equal(t, errno(tt.wantErr), r)
			assert.Equal(t, tt.want, e.t.signals.blocked)
			if tt.wantErr == 0 {
				assert.Equal(t, tt.start, e.u64(t, osetAddr))
			}
		})
	}
}

func TestRtSigprocmaskErrors(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want abi.Errno
	}{
		{"sigsetsize", []uint64{0, setAddr, 0, 16}, abi.EINVAL},
		{"unreadable set", []uint64{0, holeAddr, 0, 8}, abi.EFAULT},
		{"unwritable old set", []uint64{0, 0, roAddr, 8}, abi.EFAULT},
		{"how ignored without a set", []uint64{7, 0, osetAddr, 8}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysRtSigprocmask, tt.args...))
		})
	}
}

func TestUnblockingAPendingSignalRaisesWork(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGTERM)
	e.t.sendSignal(abi.SIGTERM, sigInfo{})
	require.Zero(t, e.t.Work()&entry.WorkSigPending)
	e.putU64(t, setAddr, abi.SigMask(abi.SIGTERM))

	e.call(abi.SysRtSigprocmask, abi.SIG_UNBLOCK, setAddr, 0, 8)

	assert.NotZero(t, e.t.Work()&entry.WorkSigPending)
}

// stackT encodes a stack_t.
func stackT(sp uint64, flags uint32, size uint64) []byte {
	b := make([]byte, abi.StackSize)
	le := func(off int, v uint64, n int) {
		for i := range n {
			b[off+i] = byte(v >> (8 * i))
		}
	}
	le(0, sp, 8)
	le(8, uint64(flags), 4)
	le(16, size, 8)
	return b
}

func TestSigaltstack(t *testing.T) {
	tests := []struct {
		name    string
		arch    Arch
		ss      []byte
		want    abi.Errno
		wantOld []byte
	}{
		{"install", AMD64{}, stackT(0x404000, 0, 8192), 0,
			stackT(0, abi.SS_DISABLE, 0)},
		{"too small on amd64", AMD64{}, stackT(0x404000, 0, 2047),
			abi.ENOMEM, nil},
		{"MINSIGSTKSZ is larger on arm64", ARM64{},
			stackT(0x404000, 0, 4096), abi.ENOMEM, nil},
		{"bad mode", AMD64{}, stackT(0x404000, 4, 8192), abi.EINVAL, nil},
		{"disable ignores the size", AMD64{},
			stackT(0x404000, abi.SS_DISABLE, 1), 0, nil},
		{"autodisarm is a flag, not a mode", AMD64{},
			stackT(0x404000, abi.SS_AUTODISARM, 8192), 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnvArch(t, tt.arch)
			e.poke(t, setAddr, tt.ss)

			r := e.call(abi.SysSigaltstack, setAddr, osetAddr)

			assert.Equal(t, errno(tt.want), r)
			if tt.wantOld != nil {
				assert.Equal(t, tt.wantOld, e.peek(t, osetAddr, 24))
			}
		})
	}
}

func TestSigaltstackReportsOnStackAndRefusesChange(t *testing.T) {
	e := newEnv(t)
	e.poke(t, setAddr, stackT(dataAddr, 0, dataLen))
	require.Zero(t, e.call(abi.SysSigaltstack, setAddr, 0))
	// The env's stack pointer is dataAddr+dataLen: on the alt stack.

	r := e.call(abi.SysSigaltstack, setAddr, osetAddr)

	assert.Equal(t, errno(abi.EPERM), r)
	assert.Zero(t, e.call(abi.SysSigaltstack, 0, osetAddr))
	assert.Equal(t, stackT(dataAddr, abi.SS_ONSTACK, dataLen),
		e.peek(t, osetAddr, 24))
}

func TestSigaltstackFaults(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EFAULT),
		e.call(abi.SysSigaltstack, holeAddr, 0))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysSigaltstack, 0, roAddr))
}

func TestDeliverSignalDefaultActions(t *testing.T) {
	tests := []struct {
		name   string
		sig    abi.Signal
		exited bool
		status int
	}{
		{"SIGTERM terminates", abi.SIGTERM, true, int(abi.SIGTERM)},
		{"SIGKILL terminates", abi.SIGKILL, true, int(abi.SIGKILL)},
		{"SIGABRT dumps core", abi.SIGABRT, true,
			int(abi.SIGABRT) | coreDumped},
		{"real-time signal terminates", 40, true, 40},
		{"SIGCHLD is ignored", abi.SIGCHLD, false, 0},
		{"SIGWINCH is ignored", abi.SIGWINCH, false, 0},
		{"SIGTSTP stops, taken as ignore", abi.SIGTSTP, false, 0},
		{"SIGCONT continues", abi.SIGCONT, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			require.Zero(t, e.call(abi.SysKill, 1, uint64(tt.sig)))
			e.t.DeliverSignal(&e.t.Thread)

			exited, status := e.t.Exited()
			assert.Equal(t, tt.exited, exited)
			assert.Equal(t, tt.status, status)
			assert.Zero(t, e.t.Work()&entry.WorkSigPending)
			assert.Empty(t, e.out.String())
		})
	}
}

func TestDeliverSignalSkipsIgnoredAndBlocked(t *testing.T) {
	e := newEnv(t)
	e.t.signals.actions[abi.SIGUSR1].Handler = abi.SIG_IGN
	e.t.signals.blocked = abi.SigMask(abi.SIGTERM)

	e.call(abi.SysKill, 1, uint64(abi.SIGUSR1))
	e.call(abi.SysKill, 1, uint64(abi.SIGTERM))
	e.t.DeliverSignal(&e.t.Thread)

	exited, _ := e.t.Exited()
	assert.False(t, exited)
	assert.Equal(t, abi.SigMask(abi.SIGTERM), e.t.signals.pending,
		"the blocked signal stays pending, the ignored one is gone")
}

func TestSynchronousSignalIsDeliveredFirst(t *testing.T) {
	e := newEnv(t)
	e.t.sendSignal(abi.SIGHUP, sigInfo{})

	e.t.ForceSignalFault(abi.SIGSEGV, abi.SEGV_MAPERR, 0)
	e.t.DeliverSignal(&e.t.Thread)

	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGSEGV)|coreDumped, status)
}

func TestDeliverSignalRunsTaskWork(t *testing.T) {
	e := newEnv(t)
	ran := false
	e.t.TaskWorkAdd(func(*entry.Thread) { ran = true })
	e.t.SetWork(entry.WorkNotifySignal)

	e.t.DeliverSignal(&e.t.Thread)

	assert.True(t, ran)
	assert.Zero(t, e.t.Work()&entry.WorkNotifySignal)
}

func TestDeathLeavesNoSignalWork(t *testing.T) {
	e := newEnv(t)
	e.call(abi.SysKill, 1, uint64(abi.SIGUSR2))
	e.call(abi.SysKill, 1, uint64(abi.SIGTERM))

	e.t.DeliverSignal(&e.t.Thread)

	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGUSR2), status, "lowest number first")
	assert.Zero(t, e.t.Work()&entry.WorkSigPending)
	assert.Zero(t, e.t.signals.pending)
}

func TestExitWithPendingSignalClearsWork(t *testing.T) {
	e := newEnv(t)
	e.call(abi.SysKill, 1, uint64(abi.SIGTERM))

	e.call(abi.SysExitGroup, 0)

	assert.Zero(t, e.t.Work()&entry.WorkSigPending)
}
