package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysNanosleep is nanosleep(2): the request is read (EFAULT) and checked
// (EINVAL), then the task sleeps. A signal ends the sleep with the time
// left in rem, if rem is not NULL (EFAULT if it cannot be written), and
// -ERESTART_RESTARTBLOCK: -EINTR once a handler runs, else the sleep
// goes on toward its first deadline (signal_restart.go). A full sleep
// leaves rem untouched, as in Linux.
func sysNanosleep(t *Task) (int64, abi.Errno) {
	a := t.args()
	return t.sleepRel(abi.SysNanosleep, a, a[0], a[1])
}

// sleepRel is a relative sleep of request req, hrtimer_nanosleep in
// HRTIMER_MODE_REL; a resumed call keeps its deadline and does not read
// the request again.
func (t *Task) sleepRel(sys abi.Sys, a [6]uint64, req,
	rem uint64) (int64, abi.Errno) {
	c := t.k.clock()
	deadline, resumed := t.takeRestart(sys, a)
	if !resumed {
		d, e := t.getTimespec(req)
		if e != 0 {
			return 0, e
		}
		deadline = addSat(c.Monotonic(), d)
	}

	left, intr := t.sleep(max(deadline-c.Monotonic(), 0))
	if !intr {
		return 0, 0
	}
	if rem != 0 {
		if left <= 0 {
			return 0, 0
		}
		if e := t.putTimespec(rem, left); e != 0 {
			return 0, e
		}
	}
	t.setRestart(sys, a, deadline)
	return 0, abi.ERESTART_RESTARTBLOCK
}

// sysClockNanosleep is clock_nanosleep(2). Clock checks first, as in
// Linux: an unknown clock or the thread CPU clock is EINVAL; a clock that
// cannot sleep (MONOTONIC_RAW, the coarse and alarm clocks, and here the
// process CPU clock for want of CPU accounting) is EOPNOTSUPP. Then the
// request is read and checked. A relative sleep is nanosleep's. With
// TIMER_ABSTIME the request is a deadline on that clock, rem is never
// written, and a signal ends the sleep with -ERESTARTNOHAND: a restart
// runs the same call with the same deadline. Other flag bits are
// ignored.
func sysClockNanosleep(t *Task) (int64, abi.Errno) {
	a := t.args()
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

	if flags&abi.TIMER_ABSTIME == 0 {
		return t.sleepRel(abi.SysClockNanosleep, a, req, rem)
	}

	d, e := t.getTimespec(req)
	if e != 0 {
		return 0, e
	}
	now, _, _ := t.clockRead(id)
	if d <= now {
		return 0, 0
	}
	if _, intr := t.sleep(d - now); intr {
		return 0, abi.ERESTARTNOHAND
	}
	return 0, 0
}

// sysPause is pause(2): sleep until a signal is delivered, then
// -ERESTARTNOHAND, which is -EINTR after a handler and a restart (more
// pausing) after a signal without one (sys_pause).
func sysPause(t *Task) (int64, abi.Errno) {
	t.sleep(-1)
	return 0, abi.ERESTARTNOHAND
}
