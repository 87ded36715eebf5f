//go:build tamago && amd64

package microvm

import ringamd64 "github.com/ringside-kernel/ringside/arch/amd64"

// PIT (Intel 8254) ports and its input clock.
const (
	pitChannel0 = 0x40
	pitCommand  = 0x43
	pitHz       = 1193182
)

// tscClock turns TSC ticks into nanoseconds. Its rate is measured once
// against the PIT because neither CPUID nor KVM's pvclock give a usable
// TSC frequency under TCG.
type tscClock struct {
	// nsPerTick is nanoseconds per TSC tick.
	nsPerTick float64
	hz        uint64
}

var clock tscClock

func (c *tscClock) nanotime() int64 {
	return int64(float64(ringamd64.ReadTSC()) * c.nsPerTick)
}

// Hz returns the measured TSC frequency.
func Hz() uint64 { return clock.hz }

// NsPerTick returns the nanoseconds per TSC tick nanotime multiplies
// by, for the vDSO, which computes nanotime the same way.
func NsPerTick() float64 { return clock.nsPerTick }

// readPIT latches and reads channel 0's current count.
func readPIT() uint16 {
	ringamd64.Out8(pitCommand, 0x00)
	lo := ringamd64.In8(pitChannel0)
	hi := ringamd64.In8(pitChannel0)
	return uint16(hi)<<8 | uint16(lo)
}

// calibrate programs PIT channel 0 as a free-running rate generator (mode
// 2, full 16-bit count) and counts TSC ticks over 10 ms of PIT time.
func (c *tscClock) calibrate() {
	const window = pitHz / 100

	ringamd64.Out8(pitCommand, 0x34)
	ringamd64.Out8(pitChannel0, 0)
	ringamd64.Out8(pitChannel0, 0)

	var elapsed uint64
	last := readPIT()
	start := ringamd64.ReadTSC()

	for elapsed < window {
		now := readPIT()
		elapsed += uint64(last - now) // counts down, wraps at 0x10000
		last = now
	}

	ticks := ringamd64.ReadTSC() - start
	c.hz = ticks * pitHz / elapsed
	c.nsPerTick = 1e9 / float64(c.hz)
}
