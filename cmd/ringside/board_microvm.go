//go:build tamago && microvm

package main

import (
	"time"

	"github.com/ringside-kernel/ringside/board/qemu/microvm"
)

const boardName = "QEMU microvm (amd64)"

// boardRTC is the date at boot: the CMOS clock.
func boardRTC() (time.Time, bool) { return microvm.RTC() }
