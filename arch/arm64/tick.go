//go:build tamago && arm64

package arm64

import "time"

// VirtualTimerPPI is the interrupt ID of the EL1 virtual timer (Arm's
// Server Base System Architecture, and QEMU virt: PPI 11, ID 27).
const VirtualTimerPPI = 27

// tickPeriod is the tick in counter ticks.
var tickPeriod uint64

// defined in sys.s
func setCNTVTVAL(v uint64)
func setCNTVCTL(v uint64)
func cntvCTL() uint64

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
// interrupts masked (CNTV_CTL_EL0.ISTATUS).
func TickDue() bool { return cntvCTL()&4 != 0 }
