package kernel

import (
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sysNanosleep is nanosleep(2): the request is read (EFAULT) and checked
// (EINVAL), then the task sleeps. A signal ends the sleep with EINTR and
// the time left in rem, if rem is not NULL; a full sleep leaves rem
// untouched, as in Linux.
func sysNanosleep(t *Task, a [6]uint64) (int64, abi.Errno) {
	d, e := t.getTimespec(a[0])
	if e != 0 {
		return 0, e
	}
	return t.sleepRel(d, a[1])
}

// sleepRel sleeps d and reports an interruption through rem.
func (t *Task) sleepRel(d time.Duration, rem uint64) (int64, abi.Errno) {
	left, intr := t.sleep(d)
	if !intr {
		return 0, 0
	}
	if rem != 0 {
		if e := t.putTimespec(rem, left); e != 0 {
			return 0, e
		}
	}
	return 0, abi.EINTR
}

// sysClockNanosleep is clock_nanosleep(2). Clock checks first, as in
// Linux: an unknown clock or the thread CPU clock is EINVAL; a clock that
// cannot sleep (MONOTONIC_RAW, the coarse and alarm clocks, and here the
// process CPU clock for want of CPU accounting) is EOPNOTSUPP. Then the
// request is read and checked. With TIMER_ABSTIME the request is a
// deadline on that clock and rem is never written; other flag bits are
// ignored.
func sysClockNanosleep(t *Task, a [6]uint64) (int64, abi.Errno) {
	id, flags, req, rem := a[0], a[1], a[2], a[3]

	switch int32(id) {
	case abi.CLOCK_REALTIME, abi.CLOCK_MONOTONIC, abi.CLOCK_BOOTTIME,
		abi.CLOCK_TAI:
	case abi.CLOCK_MONOTONIC_RAW, abi.CLOCK_REALTIME_COARSE,
		abi.CLOCK_MONOTONIC_COARSE, abi.CLOCK_REALTIME_ALARM,
		abi.CLOCK_BOOTTIME_ALARM, abi.CLOCK_PROCESS_CPUTIME_ID:
		return 0, abi.ENOTSUP
	default:
		return 0, abi.EINVAL
	}

	d, e := t.getTimespec(req)
	if e != 0 {
		return 0, e
	}
	if flags&abi.TIMER_ABSTIME == 0 {
		return t.sleepRel(d, rem)
	}

	now, _, _ := t.clockRead(id)
	if d <= now {
		return 0, 0
	}
	if _, intr := t.sleep(d - now); intr {
		return 0, abi.EINTR
	}
	return 0, 0
}
