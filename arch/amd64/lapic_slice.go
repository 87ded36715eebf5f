//go:build tamago && amd64

package amd64

import "time"

// The slice timer (an rseq grant's bound) borrows the local APIC timer
// from the tick: a one-shot count for the grant, then the rest of the
// tick's period, then the period again (SDM Vol. 3A, 11.5.4: a write to
// TMICT restarts the count). Ring 0 runs with interrupts off once a task
// has run, so a count that expires there waits in the IRR and is taken on
// the way back to ring 3; trapCommon drops what arrives in ring 0 with
// interrupts on (at boot, before any task). The rest of the period is
// counted in periodic mode all the same: a dropped interrupt could then
// delay the tick, never stop it.

// timerMode says what the local APIC timer counts down to.
type timerMode uint8

const (
	// modeTick: the tick, TMICT = tickCount.
	modeTick timerMode = iota
	// modeSlice: the slice timer; the tick it displaced is due
	// resumeCount after it.
	modeSlice
	// modeResume: the displaced tick, TMICT = what was left of its
	// period; TimerInterrupt restores the full period.
	modeResume
)

// timer is the local APIC timer's state (one CPU).
var timer struct {
	mode timerMode
	// hz is the timer's input clock, tickCount the tick period in it.
	hz        uint64
	tickCount uint32
	// resumeCount is, in modeSlice, the displaced tick's distance from
	// the slice timer's expiry.
	resumeCount uint32
	// stale: the slice timer fired before CancelSliceTimer, its
	// interrupt is still to come and is no tick.
	stale bool
}

// ArmSliceTimer makes TimerVector fire d from now, or does nothing when
// the tick comes first. TimerInterrupt then reports the slice timer and
// gives the tick back the rest of its period, so the tick keeps its time.
// Arming again replaces the slice timer. Without a tick (StartTick not
// run) there is no timer to borrow.
func ArmSliceTimer(d time.Duration) {
	if timer.tickCount == 0 {
		return
	}

	count := uint32(max(timer.hz*uint64(d)/uint64(time.Second), 1))
	left := untilTick()
	if left <= count {
		return
	}

	timer.mode, timer.resumeCount = modeSlice, left-count
	lapicWrite(lapicLVTTimer, TimerVector)
	lapicWrite(lapicInitCount, count)
}

// CancelSliceTimer gives the tick its timer back before the slice timer
// fired: the tick is due when it would have been. If the count fired
// already, in ring 0, its interrupt waits in the IRR and is reported as
// the slice timer it is. The IRR, not a count at 0, says so: QEMU raises
// the interrupt some time after the count it shows reached 0, and not at
// all once TMICT is rewritten.
func CancelSliceTimer() {
	if timer.mode != modeSlice {
		return
	}
	irr := lapicRead(lapicIRR + TimerVector/32*0x10)
	timer.stale = irr&(1<<(TimerVector%32)) != 0
	resumeTick(untilTick())
}

// TimerInterrupt is called for each TimerVector from user mode, before
// EOI: true if it was the slice timer (the tick then counts down the rest
// of its period), false for the tick (a tick that ends a resumed period
// restarts the full one).
func TimerInterrupt() (slice bool) {
	if timer.stale {
		timer.stale = false
		return true
	}

	switch timer.mode {
	case modeSlice:
		resumeTick(timer.resumeCount)
		return true
	case modeResume:
		timer.mode = modeTick
		lapicWrite(lapicInitCount, timer.tickCount)
	}
	return false
}

// untilTick is the count left until the next tick.
func untilTick() uint32 {
	left := lapicRead(lapicCurCount)
	if timer.mode == modeSlice {
		left += timer.resumeCount
	}
	return left
}

// resumeTick makes the tick due left counts from now. A short rest is
// stretched to a sixteenth of the period (250 µs at 4 ms), longer than
// the kernel takes to get to TimerInterrupt: the periodic count must not
// fire again before it is rewritten.
func resumeTick(left uint32) {
	timer.mode = modeResume
	lapicWrite(lapicLVTTimer, timerPeriodic|TimerVector)
	lapicWrite(lapicInitCount, max(left, timer.tickCount/16))
}
