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
type systemClock struct {
	once sync.Once
	boot time.Time
}

func (c *systemClock) Now() time.Time { return time.Now() }

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
