package kernel

import (
	"sync"
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Interval timers: setitimer(2), getitimer(2) and alarm(2)
// (kernel/time/itimer.c). ITIMER_REAL counts on the monotonic clock and
// sends SIGALRM from a timer goroutine (it_real_fn); as in Linux, an
// interval re-arms it when the task dequeues that SIGALRM, not when the
// timer fires, so a task that never takes the signal is not flooded.
// ITIMER_VIRTUAL and ITIMER_PROF are kept and read back but never count
// down or fire: ringside does no CPU-time accounting.
//
// A task that computes without entering the kernel sees SIGALRM at the
// next timer tick (TickPeriod), which lets the Go scheduler run the timer
// goroutine and sends the task through the exit-to-user-mode loop.

// itimers is a task's timer state (signal->real_timer, it_real_incr,
// it[CPUCLOCK_PROF/VIRT]). mu guards it against the timer goroutine; it
// is taken after signals.mu, never before.
type itimers struct {
	mu sync.Mutex

	// expires is when the real timer fires, on the monotonic clock,
	// while queued (hrtimer_is_queued); interval is it_real_incr.
	expires, interval time.Duration
	queued            bool
	// gen tells a stale firing from the current one; stop cancels the
	// current timer.
	gen  uint64
	stop func() bool

	// cpu holds ITIMER_VIRTUAL's and ITIMER_PROF's values.
	cpu [2]struct{ value, interval time.Duration }
}

// timerClock is a Clock that can also run a function once d has passed
// (time.AfterFunc); the real timer uses it when the kernel's Clock has
// it, and package time otherwise. stop cancels and reports whether the
// function had not run yet.
type timerClock interface {
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// afterFunc runs f after d on the kernel's clock.
func (k *Kernel) afterFunc(d time.Duration, f func()) func() bool {
	if c, ok := k.clock().(timerClock); ok {
		return c.AfterFunc(d, f)
	}
	return time.AfterFunc(d, f).Stop
}

// sysSetitimer is setitimer(2). Order, as in Linux: the new value
// unreadable → EFAULT; a timeval with negative seconds or microseconds
// outside [0, 1e6) → EINVAL; an unknown timer → EINVAL; the old value
// written last → EFAULT. A NULL new value disarms (a misfeature Linux
// keeps). A zero it_value disarms; it_interval re-arms after each
// expiry.
func sysSetitimer(t *Task) (int64, abi.Errno) {
	a := t.args()
	which, nv, ov := int32(a[0]), a[1], a[2]

	var n abi.Itimerval
	if nv != 0 {
		b := make([]byte, abi.ItimervalSize)
		if e := t.copyIn(nv, b); e != 0 {
			return 0, e
		}
		n = abi.DecodeItimerval(b)
		if !n.Value.Valid() || !n.Interval.Valid() {
			return 0, abi.EINVAL
		}
	}

	old, e := t.setitimer(which, durationOf(n.Value),
		durationOf(n.Interval))
	if e != 0 || ov == 0 {
		return 0, e
	}
	return 0, t.copyOut(ov, old.Encode())
}

// sysGetitimer is getitimer(2): an unknown timer → EINVAL, then the
// value is written (EFAULT). it_value is the time left, 0 when
// disarmed.
func sysGetitimer(t *Task) (int64, abi.Errno) {
	a := t.args()
	v, e := t.getitimer(int32(a[0]))
	if e != 0 {
		return 0, e
	}
	return 0, t.copyOut(a[1], v.Encode())
}

// sysAlarm is alarm(2) (alarm_setitimer): ITIMER_REAL to seconds, no
// interval. It returns the seconds the previous alarm had left, rounded
// to the nearest and never 0 for one still pending.
func sysAlarm(t *Task) (int64, abi.Errno) {
	a := t.args()
	d := time.Duration(uint32(a[0])) * time.Second
	left, _ := t.setRealTimer(d, 0)

	sec, ns := left/time.Second, left%time.Second
	if sec == 0 && ns != 0 || ns >= time.Second/2 {
		sec++
	}
	return int64(sec), 0
}

// setitimer arms timer which and returns its previous setting.
func (t *Task) setitimer(which int32, value,
	interval time.Duration) (abi.Itimerval, abi.Errno) {
	switch which {
	case abi.ITIMER_REAL:
		v, i := t.setRealTimer(value, interval)
		return itimerval(v, i), 0
	case abi.ITIMER_VIRTUAL, abi.ITIMER_PROF:
		it := &t.signals.timers
		it.mu.Lock()
		defer it.mu.Unlock()
		c := &it.cpu[which-1]
		old := itimerval(c.value, c.interval)
		c.value, c.interval = value, interval
		return old, 0
	}
	return abi.Itimerval{}, abi.EINVAL
}

// getitimer reads timer which.
func (t *Task) getitimer(which int32) (abi.Itimerval, abi.Errno) {
	it := &t.signals.timers
	it.mu.Lock()
	defer it.mu.Unlock()

	switch which {
	case abi.ITIMER_REAL:
		return itimerval(it.remaining(t.k.clock().Monotonic()),
			it.interval), 0
	case abi.ITIMER_VIRTUAL, abi.ITIMER_PROF:
		c := it.cpu[which-1]
		return itimerval(c.value, c.interval), 0
	}
	return abi.Itimerval{}, abi.EINVAL
}

// setRealTimer cancels ITIMER_REAL, starts it again to fire after value
// (none when 0) and returns what the old one had left and its interval
// (do_setitimer's ITIMER_REAL case).
func (t *Task) setRealTimer(value, interval time.Duration) (
	time.Duration, time.Duration) {
	it := &t.signals.timers
	it.mu.Lock()
	defer it.mu.Unlock()

	now := t.k.clock().Monotonic()
	left, oldInterval := it.remaining(now), it.interval
	it.cancel()

	it.interval = 0
	if value != 0 {
		it.interval = interval
		t.startRealTimer(now, addSat(now, value))
	}
	return left, oldInterval
}

// remaining is itimer_get_remtime: the time left while queued, at least
// a microsecond, and 0 once fired or disarmed. Called with mu held.
func (it *itimers) remaining(now time.Duration) time.Duration {
	if !it.queued {
		return 0
	}
	return max(it.expires-now, time.Microsecond)
}

// cancel stops the real timer (hrtimer_try_to_cancel); a firing already
// under way finds its generation stale. Called with mu held.
func (it *itimers) cancel() {
	if it.stop != nil {
		it.stop()
		it.stop = nil
	}
	it.queued = false
	it.gen++
}

// startRealTimer queues the real timer to fire at expires. Called with
// the timers' mu held.
func (t *Task) startRealTimer(now, expires time.Duration) {
	it := &t.signals.timers
	it.gen++
	gen := it.gen
	it.expires, it.queued = expires, true
	it.stop = t.k.afterFunc(max(expires-now, 0), func() {
		t.fireRealTimer(gen)
	})
}

// fireRealTimer is it_real_fn: SIGALRM to the task, from the kernel
// (SI_KERNEL, no sender), unless the timer was cancelled or re-armed
// since.
func (t *Task) fireRealTimer(gen uint64) {
	it := &t.signals.timers
	it.mu.Lock()
	current := it.gen == gen && it.queued
	if current {
		it.queued = false
	}
	it.mu.Unlock()

	if current {
		t.sendSignal(abi.SIGALRM, sigInfo{code: abi.SI_KERNEL})
	}
}

// rearmRealTimer re-arms an interval timer that fired, when its SIGALRM
// is dequeued: the next expiry is the first multiple of the interval
// after now (hrtimer_forward). Called with signals.mu held.
func (t *Task) rearmRealTimer() {
	it := &t.signals.timers
	it.mu.Lock()
	defer it.mu.Unlock()
	if it.queued || it.interval == 0 {
		return
	}

	now := t.k.clock().Monotonic()
	next := it.expires
	if next <= now {
		n := (now-next)/it.interval + 1
		next = addSat(next, mulSat(n, it.interval))
	}
	t.startRealTimer(now, next)
}

// durationOf converts a timeval to a duration, saturating as
// timespec64_to_ktime does at KTIME_MAX.
func durationOf(tv abi.Timeval) time.Duration {
	if tv.Sec >= int64(maxSleep/time.Second) {
		return maxSleep
	}
	return time.Duration(tv.Sec)*time.Second +
		time.Duration(tv.Usec)*time.Microsecond
}

// itimerval converts a value and interval to a struct itimerval,
// truncating to microseconds (put_itimerval).
func itimerval(value, interval time.Duration) abi.Itimerval {
	tv := func(d time.Duration) abi.Timeval {
		return abi.Timeval{Sec: int64(d / time.Second),
			Usec: int64(d % time.Second / time.Microsecond)}
	}
	return abi.Itimerval{Interval: tv(interval), Value: tv(value)}
}

// addSat and mulSat are + and * on non-negative durations, saturating
// at the largest one.
func addSat(a, b time.Duration) time.Duration {
	if a > maxSleep-b {
		return maxSleep
	}
	return a + b
}

func mulSat(n, d time.Duration) time.Duration {
	if d != 0 && n > maxSleep/d {
		return maxSleep
	}
	return n * d
}
