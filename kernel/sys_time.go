package kernel

import (
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// coarseRes is the resolution of the coarse clocks: one tick at
// HZ=250 (TICK_NSEC). The others have hrtimer resolution, 1 ns.
const coarseRes = 4 * time.Millisecond

// clockRead returns clock id's time as a duration since its epoch, and
// its resolution; ok is false for ids ringside does not know (EINVAL).
// MONOTONIC_RAW and BOOTTIME equal MONOTONIC (no NTP slew, no suspend),
// TAI equals REALTIME (Linux's TAI offset is 0 until NTP sets it). The
// CPU-time clocks report time since boot: there is no CPU accounting yet.
// The alarm clocks need an RTC, which ringside does not drive (EINVAL, as
// Linux without one); the per-process CPU clocks (negative ids) are not
// implemented (EINVAL).
func (t *Task) clockRead(id uint64) (now, res time.Duration, ok bool) {
	c := t.k.clock()
	switch int32(id) {
	case abi.CLOCK_REALTIME, abi.CLOCK_TAI:
		return time.Duration(c.Now().UnixNano()), 1, true
	case abi.CLOCK_REALTIME_COARSE:
		return time.Duration(c.Now().UnixNano()), coarseRes, true
	case abi.CLOCK_MONOTONIC, abi.CLOCK_MONOTONIC_RAW, abi.CLOCK_BOOTTIME,
		abi.CLOCK_PROCESS_CPUTIME_ID, abi.CLOCK_THREAD_CPUTIME_ID:
		return c.Monotonic(), 1, true
	case abi.CLOCK_MONOTONIC_COARSE:
		return c.Monotonic(), coarseRes, true
	}
	return 0, 0, false
}

// timespecOf converts a duration since an epoch to a timespec.
func timespecOf(d time.Duration) abi.Timespec {
	return abi.Timespec{Sec: int64(d / time.Second),
		Nsec: int64(d % time.Second)}
}

// putTimespec writes a struct timespec.
func (t *Task) putTimespec(addr uint64, d time.Duration) abi.Errno {
	b := make([]byte, abi.TimespecSize)
	timespecOf(d).Encode(b)
	return t.copyOut(addr, b)
}

// getTimespec reads a struct timespec: EFAULT, then EINVAL if it is not
// timespec64_valid.
func (t *Task) getTimespec(addr uint64) (time.Duration, abi.Errno) {
	b := make([]byte, abi.TimespecSize)
	if e := t.copyIn(addr, b); e != 0 {
		return 0, e
	}
	ts := abi.DecodeTimespec(b)
	if !ts.Valid() {
		return 0, abi.EINVAL
	}
	if ts.Sec > int64(maxSleep/time.Second) {
		return maxSleep, 0
	}
	return time.Duration(ts.Sec)*time.Second + time.Duration(ts.Nsec), 0
}

// maxSleep caps timespecs that overflow a Duration (~292 years).
const maxSleep = time.Duration(1<<63 - 1)

// sysClockGettime is clock_gettime(2): EINVAL for an unknown clock.
func sysClockGettime(t *Task) (int64, abi.Errno) {
	a := t.args()
	now, _, ok := t.clockRead(a[0])
	if !ok {
		return 0, abi.EINVAL
	}
	return 0, t.putTimespec(a[1], now)
}

// sysClockGetres is clock_getres(2); a NULL result pointer only checks
// the clock id.
func sysClockGetres(t *Task) (int64, abi.Errno) {
	a := t.args()
	_, res, ok := t.clockRead(a[0])
	if !ok {
		return 0, abi.EINVAL
	}
	if a[1] == 0 {
		return 0, 0
	}
	return 0, t.putTimespec(a[1], res)
}

// sysTime is time(2) (amd64 only): the seconds of CLOCK_REALTIME, also
// stored at tloc unless it is NULL (EFAULT if that fails).
func sysTime(t *Task) (int64, abi.Errno) {
	a := t.args()
	sec := t.k.clock().Now().Unix()
	if a[0] != 0 {
		if e := t.putU64(a[0], uint64(sec)); e != 0 {
			return 0, e
		}
	}
	return sec, 0
}

// sysGettimeofday is gettimeofday(2): struct timeval, and a zero struct
// timezone (UTC) if asked for. Either pointer may be NULL.
func sysGettimeofday(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[0] != 0 {
		now := t.k.clock().Now()
		b := make([]byte, abi.TimespecSize)
		abi.Timespec{Sec: now.Unix(),
			Nsec: int64(now.Nanosecond() / 1000)}.Encode(b)
		if e := t.copyOut(a[0], b); e != 0 {
			return 0, e
		}
	}
	if a[1] != 0 {
		return 0, t.copyOut(a[1], make([]byte, 8))
	}
	return 0, 0
}
