//go:build tamago && arm64

package arm64

import _ "unsafe"

// nanotime is runtime/goos.Nanotime: the generic timer's virtual count
// (D11.1) at CNTFRQ_EL0, which cpuinit read, in nanoseconds. The runtime
// calls it before Hwinit1, so it must not allocate. Two divisions keep
// ticks * 1e9 from overflowing.
//
//go:linkname nanotime runtime/goos.Nanotime
//go:nosplit
func nanotime() int64 {
	t, f := CNTVCT(), cntfrq
	return int64(t/f*1e9 + t%f*1e9/f)
}

// CounterFrequency returns CNTFRQ_EL0 in Hz.
func CounterFrequency() uint64 { return cntfrq }
