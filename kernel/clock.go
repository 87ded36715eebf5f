package kernel

import (
	"sync"
	"time"
	_ "unsafe" // go:linkname
)

// Clock is the time source behind clock_gettime, gettimeofday and the
// sleeps (Linux's timekeeping core). Host tests inject a fake.
type Clock interface {
	// Now is wall-clock time (CLOCK_REALTIME).
	Now() time.Time
	// Monotonic is the time since boot (CLOCK_MONOTONIC, BOOTTIME).
	Monotonic() time.Duration
	// After fires once d has passed on the monotonic clock.
	After(d time.Duration) <-chan time.Time
}

// systemClock is the runtime's clock: the monotonic clocks count from
// boot, the runtime's nanotime when it was first read, and on tamago,
// where time.Now counts from the epoch at power-on, wall is what
// SetWallClock added to make it the date. On tamago both come from the
// board's nanotime, which the vDSO computes the same way (vdsoTimes).
type systemClock struct {
	once sync.Once
	boot int64
	wall time.Duration
}

// nanotime is the runtime's monotonic clock, goos.Nanotime on tamago.
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

func (c *systemClock) Now() time.Time { return time.Now().Add(c.wall) }

func (c *systemClock) Monotonic() time.Duration {
	c.once.Do(func() { c.boot = nanotime() })
	return time.Duration(nanotime() - c.boot)
}

// vdsoTimes are the offsets the vDSO adds to the board's nanotime:
// CLOCK_MONOTONIC is nanotime - boot, CLOCK_REALTIME nanotime + wall.
func (c *systemClock) vdsoTimes() (boot, wall int64) {
	c.Monotonic()
	return c.boot, int64(c.wall)
}

func (c *systemClock) After(d time.Duration) <-chan time.Time {
	return time.After(d)
}

var defaultClock systemClock

// clock returns the kernel's time source.
func (k *Kernel) clock() Clock {
	if k.Clock != nil {
		return k.Clock
	}
	return &defaultClock
}

// SetWallClock makes the kernel's CLOCK_REALTIME read now at this
// moment, the time a board read from its real-time clock at boot (Linux:
// the RTC's hctosys). Call it before the first task starts; the
// monotonic clocks do not move.
func SetWallClock(now time.Time) {
	defaultClock.wall = now.Sub(time.Now())
}
