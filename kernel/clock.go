package kernel

import (
	"sync"
	"time"
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

// systemClock is package time's clock; boot is when it was first read.
// On tamago, time.Now counts from the epoch at power-on: wall is what
// SetWallClock added to make it the date.
type systemClock struct {
	once sync.Once
	boot time.Time
	wall time.Duration
}

func (c *systemClock) Now() time.Time { return time.Now().Add(c.wall) }

func (c *systemClock) Monotonic() time.Duration {
	c.once.Do(func() { c.boot = time.Now() })
	return time.Since(c.boot)
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
