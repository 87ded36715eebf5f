//go:build tamago && arm64

package arm64

import "time"

// VirtualTimerPPI is the interrupt ID of the EL1 virtual timer (Arm's
// Server Base System Architecture, and QEMU virt: PPI 11, ID 27).
const VirtualTimerPPI = 27

// tickPeriod is the tick in counter ticks.
var tickPeriod uint64

// The slice timer (an rseq grant's bound) borrows the virtual timer:
// sliceArmed says CNTV_CVAL_EL0 holds its expiry, and displacedTick the
// compare value the tick had, which it gets back afterwards.
var (
	sliceArmed    bool
	displacedTick uint64
)

// defined in sys.s
func setCNTVTVAL(v uint64)
func setCNTVCTL(v uint64)
func cntvCTL() uint64

// defined in tick.s: setCNTVCVAL writes CNTV_CVAL_EL0 (the compare value,
// D11.2.4) then ISB, so the timer's condition is re-evaluated before it
// returns; cntvCVAL reads it. Both clobber R0 only.
func setCNTVCVAL(v uint64)
func cntvCVAL() uint64

// StartTick arms the virtual timer (D11.2.4) to fire period from now;
// RearmTick, called at each tick, keeps it periodic. The interrupt is
// taken only at EL0: the kernel runs with IRQs masked, so a tick that
// comes due in the kernel is taken at the next return to EL0.
func StartTick(period time.Duration) {
	tickPeriod = max(cntfrq*uint64(period)/uint64(time.Second), 1)
	RearmTick()
	setCNTVCTL(1) // ENABLE, IMASK clear
}

// RearmTick sets the next tick one period from now.
func RearmTick() { setCNTVTVAL(tickPeriod) }

// TickDue reports whether the tick came due while the kernel ran with
// interrupts masked (CNTV_CTL_EL0.ISTATUS). A slice timer that came due
// is not a tick: it must be taken.
func TickDue() bool { return cntvCTL()&4 != 0 && !sliceArmed }

// ArmSliceTimer sets the virtual timer to fire d from now, or does
// nothing when the tick comes first. TimerInterrupt then reports the
// slice timer and gives the tick its compare value back, so the tick
// keeps its time. Arming again replaces the slice timer. Without a tick
// (StartTick not run) there is no timer to borrow.
func ArmSliceTimer(d time.Duration) {
	if tickPeriod == 0 {
		return
	}

	tick := cntvCVAL()
	if sliceArmed {
		tick = displacedTick
	}
	at := CNTVCT() + max(cntfrq*uint64(d)/uint64(time.Second), 1)
	if at >= tick {
		return
	}

	sliceArmed, displacedTick = true, tick
	setCNTVCVAL(at)
}

// CancelSliceTimer gives the tick its compare value back before the
// slice timer fired.
func CancelSliceTimer() {
	if sliceArmed {
		sliceArmed = false
		setCNTVCVAL(displacedTick)
	}
}

// TimerInterrupt is called for each virtual timer IRQ, before EOI: true
// if it was the slice timer (the tick gets its compare value back; one
// that passed meanwhile is due in the kernel, and TickDue drops it),
// false for the tick, rearmed one period from now.
func TimerInterrupt() (slice bool) {
	if sliceArmed {
		CancelSliceTimer()
		return true
	}
	RearmTick()
	return false
}
