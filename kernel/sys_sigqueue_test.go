package kernel

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

const (
	infoAddr  = dataAddr + 0x400 // siginfo_t in
	oinfoAddr = dataAddr + 0x500 // siginfo_t out
	tsAddr    = dataAddr + 0x600 // struct timespec in
)

// sigRT is glibc's SIGRTMIN, the first real-time signal it leaves to
// programs.
const sigRT = abi.SIGRTMIN + 2

// queueInfo writes a siginfo_t with code and value at infoAddr, as
// glibc's sigqueue fills it.
func (e *sysEnv) queueInfo(tb testing.TB, code int, value uint64) {
	tb.Helper()
	var b [abi.SiginfoSize]byte
	le := binary.LittleEndian
	le.PutUint32(b[abi.SiCode:], uint32(int32(code)))
	le.PutUint32(b[abi.SiPid:], uint32(e.t.PID))
	le.PutUint64(b[abi.SiValue:], value)
	e.poke(tb, infoAddr, b[:])
}

// timespec writes ts at tsAddr.
func (e *sysEnv) timespec(tb testing.TB, ts abi.Timespec) {
	b := make([]byte, abi.TimespecSize)
	ts.Encode(b)
	e.poke(tb, tsAddr, b)
}

// sigqueue is sigqueue(3): rt_sigqueueinfo to the task itself.
func (e *sysEnv) sigqueue(tb testing.TB, sig abi.Signal, value uint64) int64 {
	e.queueInfo(tb, abi.SI_QUEUE, value)
	return e.call(abi.SysRtSigqueueinfo, uint64(e.t.PID), uint64(sig),
		infoAddr)
}

// waitinfo is sigtimedwait with a zero timeout on set: the signal and
// the siginfo it took.
func (e *sysEnv) waitinfo(tb testing.TB, set uint64) (int64, abi.Siginfo) {
	tb.Helper()
	e.putU64(tb, setAddr, set)
	e.poke(tb, tsAddr, make([]byte, abi.TimespecSize))
	r := e.call(abi.SysRtSigtimedwait, setAddr, oinfoAddr, tsAddr, 8)

	b := e.peek(tb, oinfoAddr, abi.SiginfoSize)
	le := binary.LittleEndian
	return r, abi.Siginfo{
		Signo: abi.Signal(le.Uint32(b[abi.SiSigno:])),
		Code:  int(int32(le.Uint32(b[abi.SiCode:]))),
		Pid:   int(int32(le.Uint32(b[abi.SiPid:]))),
		Value: le.Uint64(b[abi.SiValue:]),
	}
}

func TestRealtimeSignalsQueueInOrderWithTheirValues(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(sigRT)

	for v := uint64(1); v <= 3; v++ {
		require.Zero(t, e.sigqueue(t, sigRT, v))
	}
	require.Zero(t, e.call(abi.SysRtSigpending, osetAddr, 8))
	assert.Equal(t, abi.SigMask(sigRT), e.u64(t, osetAddr))

	for v := uint64(1); v <= 3; v++ {
		r, si := e.waitinfo(t, abi.SigMask(sigRT))
		require.Equal(t, int64(sigRT), r)
		assert.Equal(t, abi.Siginfo{Signo: sigRT, Code: abi.SI_QUEUE,
			Pid: 1, Value: v}, si)
	}
	r, _ := e.waitinfo(t, abi.SigMask(sigRT))
	assert.Equal(t, errno(abi.EAGAIN), r, "the queue is empty")
	assert.Zero(t, e.t.signals.pending)
}

func TestStandardSignalsAreNotQueued(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGUSR1)

	require.Zero(t, e.sigqueue(t, abi.SIGUSR1, 7))
	require.Zero(t, e.sigqueue(t, abi.SIGUSR1, 8))

	r, si := e.waitinfo(t, abi.SigMask(abi.SIGUSR1))
	require.Equal(t, int64(abi.SIGUSR1), r)
	assert.Equal(t, uint64(7), si.Value, "the first sender's siginfo")
	r, _ = e.waitinfo(t, abi.SigMask(abi.SIGUSR1))
	assert.Equal(t, errno(abi.EAGAIN), r)
}

func TestSigtimedwaitTakesSynchronousThenLowestFirst(t *testing.T) {
	e := newEnv(t)
	all := abi.SigMask(abi.SIGUSR1) | abi.SigMask(abi.SIGSEGV) |
		abi.SigMask(sigRT) | abi.SigMask(abi.SIGTERM)
	e.t.signals.blocked = all
	for _, sig := range []abi.Signal{sigRT, abi.SIGTERM, abi.SIGSEGV,
		abi.SIGUSR1} {
		require.Zero(t, e.sigqueue(t, sig, 0))
	}

	var got []int64
	for range 4 {
		r, _ := e.waitinfo(t, all)
		got = append(got, r)
	}
	assert.Equal(t, []int64{int64(abi.SIGSEGV), int64(abi.SIGUSR1),
		int64(abi.SIGTERM), int64(sigRT)}, got)
}

func TestSigqueueinfoErrors(t *testing.T) {
	tests := []struct {
		name string
		code int
		pid  uint64
		sig  uint64
		info uint64
		want abi.Errno
	}{
		{"unreadable siginfo", abi.SI_QUEUE, 1, 10, holeAddr, abi.EFAULT},
		{"SI_USER to another process", abi.SI_USER, 2, 10, infoAddr,
			abi.EPERM},
		{"SI_TKILL to another process", abi.SI_TKILL, 2, 10, infoAddr,
			abi.EPERM},
		{"a kernel code to another process", abi.SI_KERNEL, 2, 10,
			infoAddr, abi.EPERM},
		{"no such process", abi.SI_QUEUE, 2, 10, infoAddr, abi.ESRCH},
		{"invalid signal", abi.SI_QUEUE, 1, 65, infoAddr, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.queueInfo(t, tt.code, 0)
			assert.Equal(t, errno(tt.want), e.call(abi.SysRtSigqueueinfo,
				tt.pid, tt.sig, tt.info))
		})
	}
}

func TestSigqueueToItselfMayUseAnyCode(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGUSR1)
	e.queueInfo(t, abi.SI_USER, 0)

	assert.Zero(t, e.call(abi.SysRtSigqueueinfo, 1, 10, infoAddr))
	assert.Zero(t, e.call(abi.SysRtTgsigqueueinfo, 1, 1, 10, infoAddr))
	assert.Equal(t, errno(abi.EINVAL),
		e.call(abi.SysRtTgsigqueueinfo, 0, 1, 10, infoAddr))
	assert.Equal(t, errno(abi.ESRCH),
		e.call(abi.SysRtTgsigqueueinfo, 2, 1, 10, infoAddr))
}

func TestRealtimeQueueStopsAtRlimitSigpendingButNotForKill(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(sigRT)
	require.Zero(t, e.t.limits.set(abi.RLIMIT_SIGPENDING, rlimit{2, 2}))

	require.Zero(t, e.sigqueue(t, sigRT, 1))
	require.Zero(t, e.sigqueue(t, sigRT, 2))
	assert.Equal(t, errno(abi.EAGAIN), e.sigqueue(t, sigRT, 3))

	assert.Equal(t, errno(abi.EAGAIN), e.call(abi.SysTkill, 1,
		uint64(sigRT)), "tkill's SI_TKILL is a user code too")
	require.Zero(t, e.call(abi.SysKill, 1, uint64(sigRT)),
		"the kernel overrides the limit for kill's SI_USER")
	assert.Len(t, e.t.signals.rtq[sigRT-abi.SIGRTMIN], 3)
}

func TestSigpendingIsPendingAndBlocked(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGUSR2)
	e.t.sendSignal(abi.SIGUSR2, sigInfo{})
	e.t.sendSignal(abi.SIGTERM, sigInfo{})

	require.Zero(t, e.call(abi.SysRtSigpending, osetAddr, 8))
	assert.Equal(t, abi.SigMask(abi.SIGUSR2), e.u64(t, osetAddr))
	assert.Equal(t, errno(abi.EINVAL),
		e.call(abi.SysRtSigpending, osetAddr, 4))
	assert.Equal(t, errno(abi.EFAULT),
		e.call(abi.SysRtSigpending, roAddr, 8))
}

func TestSigtimedwaitTimesOutWithEAGAIN(t *testing.T) {
	e := newEnv(t)
	e.putU64(t, setAddr, abi.SigMask(abi.SIGUSR1))
	e.timespec(t, abi.Timespec{Nsec: 5000})

	assert.Equal(t, errno(abi.EAGAIN),
		e.call(abi.SysRtSigtimedwait, setAddr, 0, tsAddr, 8))
	assert.Zero(t, e.t.signals.blocked, "the mask is back")

	e.timespec(t, abi.Timespec{Nsec: 1e9})
	assert.Equal(t, errno(abi.EINVAL),
		e.call(abi.SysRtSigtimedwait, setAddr, 0, tsAddr, 8))
}

func TestSigtimedwaitWakesForItsSignalAndForOthers(t *testing.T) {
	for _, tt := range []struct {
		name string
		sig  abi.Signal
		want int64
	}{
		{"a signal of the set is taken", abi.SIGUSR1,
			int64(abi.SIGUSR1)},
		{"another signal interrupts", abi.SIGUSR2, errno(abi.EINTR)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.clock.stuck = true
			e.handle(t, abi.SIGUSR2, abi.SA_RESTORER, 0)
			e.t.signals.blocked = abi.SigMask(abi.SIGUSR1)
			e.putU64(t, setAddr, abi.SigMask(abi.SIGUSR1))
			go func() {
				for !e.t.sleeping() {
					time.Sleep(time.Millisecond)
				}
				e.t.sendSignal(tt.sig, sigInfo{code: abi.SI_USER})
			}()

			assert.Equal(t, tt.want,
				e.call(abi.SysRtSigtimedwait, setAddr, 0, 0, 8))
			assert.Equal(t, abi.SigMask(abi.SIGUSR1),
				e.t.signals.blocked, "the mask is back")
		})
	}
}

func TestSigsuspendRestoresTheMask(t *testing.T) {
	for _, tt := range []struct {
		name    string
		handled bool
	}{
		{"after the handler, through the frame", true},
		{"with no handler, on the way out", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.clock.stuck = true
			old := abi.SigMask(abi.SIGUSR1) | abi.SigMask(abi.SIGTSTP)
			e.t.signals.blocked = old
			sig := abi.SIGTSTP // stop: ignored, there is no job control
			if tt.handled {
				sig = abi.SIGUSR1
				e.handle(t, sig, abi.SA_RESTORER, 0)
			}
			e.putU64(t, setAddr, 0)
			go func() {
				for !e.t.sleeping() {
					time.Sleep(time.Millisecond)
				}
				e.t.sendSignal(sig, sigInfo{code: abi.SI_USER})
			}()

			e.syscall(abi.SysRtSigsuspend, setAddr, 8)

			if !tt.handled {
				assert.Equal(t, old, e.t.signals.blocked)
				return
			}
			ret, _ := e.interruptedState(t, true)
			assert.Equal(t, errno(abi.EINTR), ret)
			e.sigreturn()
			assert.Equal(t, old, e.t.signals.blocked,
				"sigreturn puts back the mask before the suspend")
		})
	}
}
