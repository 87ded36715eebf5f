//go:build tamago && virt

package main

import (
	"github.com/ringside-kernel/ringside/board/qemu/virt"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

const boardName = "QEMU virt (arm64)"

var board = memoryMap{
	framePoolStart: virt.FramePoolStart,
	framePoolEnd:   virt.FramePoolEnd,
	devices:        mm.Range{Start: virt.DevicesStart, End: virt.DevicesEnd},
}
