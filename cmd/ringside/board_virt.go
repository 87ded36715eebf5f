//go:build tamago && virt

package main

import (
	"time"

	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/board/qemu/virt"
	"github.com/ringside-kernel/ringside/kernel"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

const boardName = "QEMU virt (arm64)"

// boardRTC is the date at boot: the PL031.
func boardRTC() (time.Time, bool) { return virt.RTC() }

var board = memoryMap{
	framePoolStart: virt.FramePoolStart,
	framePoolEnd:   virt.FramePoolEnd,
	devices:        mm.Range{Start: virt.DevicesStart, End: virt.DevicesEnd},
}

// boardVDSOClock is the vDSO's clock: the generic timer's virtual count,
// as arch/arm64's nanotime.
func boardVDSOClock() (uint64, uint64) {
	return kernel.VDSOClockCNTVCT, arm64.CounterFrequency()
}
