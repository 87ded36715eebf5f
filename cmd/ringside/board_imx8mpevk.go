//go:build tamago && imx8mpevk

package main

import (
	"github.com/ringside-kernel/ringside/board/nxp/imx8mpevk"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

const boardName = "NXP i.MX 8M Plus EVK (arm64)"

var board = memoryMap{
	framePoolStart: imx8mpevk.FramePoolStart,
	framePoolEnd:   imx8mpevk.FramePoolEnd,
	devices: mm.Range{Start: imx8mpevk.DevicesStart,
		End: imx8mpevk.DevicesEnd},
}
