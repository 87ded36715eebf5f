//go:build tamago && amd64

package amd64

import "time"

// Local APIC registers (SDM Vol. 3A, 11.4.1 and 11.5.4), at the default
// base, which tamago's identity map covers uncached.
const (
	lapicBase       = 0xfee00000
	lapicEOI        = 0xb0
	lapicSVR        = 0xf0
	lapicLVTTimer   = 0x320
	lapicIRR        = 0x200
	lapicInitCount  = 0x380
	lapicCurCount   = 0x390
	lapicDivideConf = 0x3e0

	svrEnable     = 1 << 8
	timerPeriodic = 1 << 17
	timerMasked   = 1 << 16
	divideBy1     = 0b1011
)

// TimerVector is the IDT vector of the periodic tick, Linux's
// LOCAL_TIMER_VECTOR.
const TimerVector = 0xec

func lapicRead(off uintptr) uint32 { return mmioRead32(lapicBase + off) }

func lapicWrite(off uintptr, v uint32) { mmioWrite32(lapicBase+off, v) }

// StartTick arms the local APIC timer to raise TimerVector every period
// and returns the timer's input clock in Hz, measured first against the Go
// clock (the board's calibrated TSC): QEMU's runs at 1 GHz, real parts at
// the bus clock.
func StartTick(period time.Duration) (hz uint64) {
	lapicWrite(lapicSVR, lapicRead(lapicSVR)|svrEnable|0xff)
	lapicWrite(lapicDivideConf, divideBy1)
	lapicWrite(lapicLVTTimer, timerMasked)

	const window = time.Millisecond
	lapicWrite(lapicInitCount, 0xffffffff)
	start := time.Now()
	for time.Since(start) < window {
	}
	ticks := uint64(0xffffffff - lapicRead(lapicCurCount))
	hz = ticks * uint64(time.Second/window)

	count := uint32(max(hz*uint64(period)/uint64(time.Second), 1))
	timer.hz, timer.tickCount, timer.mode = hz, count, modeTick
	lapicWrite(lapicLVTTimer, timerPeriodic|TimerVector)
	lapicWrite(lapicInitCount, count)
	return hz
}

// EOI acknowledges the interrupt being serviced.
func EOI() { lapicWrite(lapicEOI, 0) }
