//go:build tamago && imx8mpevk

package main

import (
	"time"

	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/board/nxp/imx8mpevk"
	"github.com/ringside-kernel/ringside/kernel"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

const boardName = "NXP i.MX 8M Plus EVK (arm64)"

// boardRTC is the date at boot: none, the SNVS real-time clock has no
// driver yet, so CLOCK_REALTIME counts from the epoch at power-on.
func boardRTC() (time.Time, bool) { return time.Time{}, false }

var board = memoryMap{
	framePoolStart: imx8mpevk.FramePoolStart,
	framePoolEnd:   imx8mpevk.FramePoolEnd,
	devices: mm.Range{Start: imx8mpevk.DevicesStart,
		End: imx8mpevk.DevicesEnd},
}

// boardVDSOClock is the vDSO's clock: the generic timer's virtual count,
// as arch/arm64's nanotime.
func boardVDSOClock() (uint64, uint64) {
	return kernel.VDSOClockCNTVCT, arm64.CounterFrequency()
}
