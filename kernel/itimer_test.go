package kernel

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// timerEnvClock is the env clock with timers the test fires by hand.
type timerEnvClock struct {
	*envClock
	mu     sync.Mutex
	timers []*envTimer
}

type envTimer struct {
	at      time.Duration
	f       func()
	stopped bool
}

func (c *timerEnvClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	tm := &envTimer{at: c.Monotonic() + d, f: f}
	c.timers = append(c.timers, tm)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !tm.stopped
		tm.stopped = true
		return was
	}
}

// armed returns the expiry of the timer that would fire next.
func (c *timerEnvClock) armed() (time.Duration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, tm := range c.timers {
		if !tm.stopped {
			return tm.at, true
		}
	}
	return 0, false
}

// fire moves the clock to the next live timer's expiry and runs it.
func (c *timerEnvClock) fire(tb testing.TB) {
	tb.Helper()
	c.mu.Lock()
	var next *envTimer
	for _, tm := range c.timers {
		if !tm.stopped {
			next = tm
			break
		}
	}
	require.NotNil(tb, next, "no timer armed")
	next.stopped = true
	c.mu.Unlock()

	c.envClock.mu.Lock()
	c.mono = max(c.mono, next.at)
	c.envClock.mu.Unlock()
	next.f()
}

// advance moves the clock without firing anything.
func (c *timerEnvClock) advance(d time.Duration) {
	c.envClock.mu.Lock()
	c.mono += d
	c.envClock.mu.Unlock()
}

func newTimerEnv(tb testing.TB) (*sysEnv, *timerEnvClock) {
	e := newEnv(tb)
	c := &timerEnvClock{envClock: e.clock}
	e.k.Clock = c
	return e, c
}

// itv encodes a struct itimerval.
func itv(intSec, intUsec, valSec, valUsec int64) []byte {
	return abi.Itimerval{Interval: abi.Timeval{Sec: intSec, Usec: intUsec},
		Value: abi.Timeval{Sec: valSec, Usec: valUsec}}.Encode()
}

// getitimer runs getitimer(2).
func (e *sysEnv) getitimer(tb testing.TB, which uint64) []byte {
	tb.Helper()
	require.Zero(tb, e.call(abi.SysGetitimer, which, osetAddr))
	return e.peek(tb, osetAddr, abi.ItimervalSize)
}

func TestSetitimerErrors(t *testing.T) {
	tests := []struct {
		name string
		nv   []byte
		args []uint64
		want abi.Errno
	}{
		{"unknown timer", itv(0, 0, 1, 0), []uint64{3, setAddr, 0},
			abi.EINVAL},
		{"microseconds of a second", itv(0, 0, 0, 1e6),
			[]uint64{0, setAddr, 0}, abi.EINVAL},
		{"negative interval", itv(-1, 0, 1, 0), []uint64{0, setAddr, 0},
			abi.EINVAL},
		{"unreadable before the timer check", nil,
			[]uint64{3, holeAddr, 0}, abi.EFAULT},
		{"invalid value before the timer check", itv(0, -1, 0, 0),
			[]uint64{9, setAddr, 0}, abi.EINVAL},
		{"old value unwritable", itv(0, 0, 1, 0),
			[]uint64{0, setAddr, roAddr}, abi.EFAULT},
		{"NULL new value disarms", nil, []uint64{0, 0, 0}, 0},
		{"profiling timer kept", itv(0, 0, 1, 0),
			[]uint64{abi.ITIMER_PROF, setAddr, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newTimerEnv(t)
			if tt.nv != nil {
				e.poke(t, setAddr, tt.nv)
			}

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysSetitimer, tt.args...))
		})
	}
}

func TestGetitimerErrors(t *testing.T) {
	e, _ := newTimerEnv(t)

	e1 := e.call(abi.SysGetitimer, 7, osetAddr)
	e2 := e.call(abi.SysGetitimer, 0, roAddr)

	assert.Equal(t, abi.EINVAL.Ret(), e1)
	assert.Equal(t, abi.EFAULT.Ret(), e2)
}

func TestSetitimerReturnsOldValueAndGetitimerTheRest(t *testing.T) {
	e, c := newTimerEnv(t)
	e.poke(t, setAddr, itv(0, 250000, 2, 500000))
	require.Zero(t, e.call(abi.SysSetitimer, 0, setAddr, osetAddr))
	assert.Equal(t, itv(0, 0, 0, 0), e.peek(t, osetAddr, 32))

	c.advance(time.Second)
	assert.Equal(t, itv(0, 250000, 1, 500000), e.getitimer(t, 0))

	e.poke(t, setAddr, itv(0, 0, 0, 0))
	require.Zero(t, e.call(abi.SysSetitimer, 0, setAddr, osetAddr))
	assert.Equal(t, itv(0, 250000, 1, 500000), e.peek(t, osetAddr, 32),
		"the old timer's remainder")
	assert.Equal(t, itv(0, 0, 0, 0), e.getitimer(t, 0), "disarmed")
	_, armed := c.armed()
	assert.False(t, armed, "Go timer stopped")
}

func TestCPUTimersAreKeptNotRun(t *testing.T) {
	e, c := newTimerEnv(t)
	e.poke(t, setAddr, itv(1, 0, 3, 0))
	require.Zero(t, e.call(abi.SysSetitimer, abi.ITIMER_VIRTUAL, setAddr,
		0))

	assert.Equal(t, itv(1, 0, 3, 0), e.getitimer(t, abi.ITIMER_VIRTUAL))
	assert.Equal(t, itv(0, 0, 0, 0), e.getitimer(t, abi.ITIMER_PROF))
	_, armed := c.armed()
	assert.False(t, armed)
}

func TestRealTimerSendsSIGALRMAndRearmsOnDequeue(t *testing.T) {
	e, c := newTimerEnv(t)
	e.handle(t, abi.SIGALRM, abi.SA_RESTORER|abi.SA_SIGINFO, 0)
	e.poke(t, setAddr, itv(0, 100000, 1, 0))
	require.Zero(t, e.call(abi.SysSetitimer, 0, setAddr, 0))
	at, _ := c.armed()
	require.Equal(t, time.Second, at)

	c.fire(t)
	assert.Equal(t, abi.SigMask(abi.SIGALRM), e.t.signals.pending)
	assert.Equal(t, sigInfo{code: abi.SI_KERNEL}, e.t.signals.info[14])
	assert.Equal(t, itv(0, 100000, 0, 0), e.getitimer(t, 0),
		"not re-armed before the signal is taken")
	_, armed := c.armed()
	assert.False(t, armed)

	// Taken 250 ms late: the next expiry stays on the 100 ms grid.
	c.advance(250 * time.Millisecond)
	e.t.DeliverSignal(&e.t.Thread)
	assert.Equal(t, handler, e.t.Ctx.Regs().InstructionPointer())
	at, armed = c.armed()
	require.True(t, armed)
	assert.Equal(t, 1300*time.Millisecond, at)
	assert.Equal(t, itv(0, 100000, 0, 50000), e.getitimer(t, 0))
}

func TestOneShotTimerDoesNotRearm(t *testing.T) {
	e, c := newTimerEnv(t)
	e.handle(t, abi.SIGALRM, abi.SA_RESTORER, 0)
	require.Zero(t, e.call(abi.SysAlarm, 1))

	c.fire(t)
	e.t.DeliverSignal(&e.t.Thread)

	_, armed := c.armed()
	assert.False(t, armed)
	assert.Equal(t, itv(0, 0, 0, 0), e.getitimer(t, 0))
}

func TestSIGALRMDefaultKills(t *testing.T) {
	e, c := newTimerEnv(t)
	require.Zero(t, e.call(abi.SysAlarm, 5))

	c.fire(t)
	e.t.DeliverSignal(&e.t.Thread)

	_, status := e.t.Exited()
	assert.Equal(t, int(abi.SIGALRM), status)
}

func TestAlarmReturnsRoundedSecondsLeft(t *testing.T) {
	tests := []struct {
		name    string
		elapsed time.Duration
		want    int64
	}{
		{"none pending", -1, 0},
		{"2.6 s left rounds up", 7400 * time.Millisecond, 3},
		{"2.4 s left rounds down", 7600 * time.Millisecond, 2},
		{"a pending alarm is never 0", 9900 * time.Millisecond, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c := newTimerEnv(t)
			if tt.elapsed >= 0 {
				require.Zero(t, e.call(abi.SysAlarm, 10))
				c.advance(tt.elapsed)
			}

			assert.Equal(t, tt.want, e.call(abi.SysAlarm, 0))
		})
	}
}

func TestStaleTimerFiringIsIgnored(t *testing.T) {
	e, c := newTimerEnv(t)
	require.Zero(t, e.call(abi.SysAlarm, 5))
	c.mu.Lock()
	first := c.timers[0]
	c.mu.Unlock()
	require.Equal(t, int64(5), e.call(abi.SysAlarm, 9))

	first.f() // the Go timer ran as it was being stopped

	assert.Zero(t, e.t.signals.pending)
	assert.Equal(t, itv(0, 0, 9, 0), e.getitimer(t, 0))
}

func TestAlarmInterruptsPause(t *testing.T) {
	e, c := newTimerEnv(t)
	e.handle(t, abi.SIGALRM, abi.SA_RESTORER, 0)
	require.Zero(t, e.call(abi.SysAlarm, 1))
	go func() {
		for !e.t.sleeping() {
			time.Sleep(time.Millisecond)
		}
		c.fire(t)
	}()

	e.syscall(abi.SysPause)

	ret, _ := e.interruptedState(t, true)
	assert.Equal(t, abi.EINTR.Ret(), ret)
	assert.Equal(t, handler, e.t.Ctx.Regs().InstructionPointer())
}
