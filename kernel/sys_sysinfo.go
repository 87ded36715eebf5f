package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Offsets in struct sysinfo (include/uapi/linux/sysinfo.h) on 64-bit
// architectures, 112 bytes in all.
const (
	sysinfoSize     = 112
	sysinfoUptime   = 0
	sysinfoTotalRAM = 32
	sysinfoFreeRAM  = 40
	sysinfoProcs    = 80
	sysinfoMemUnit  = 104
)

// frameCounter is a Frames that can say how many frames it has and how
// many are free (mm.FramePool).
type frameCounter interface {
	Count() int
	Available() int
}

// sysSysinfo is sysinfo(2): the uptime in seconds, rounded up as Linux
// does; RAM as the user frame pool, total and free, in bytes (mem_unit
// 1); the number of tasks. Load averages, shared and buffer RAM and swap
// read 0: ringside keeps no such figures. Linux: do_sysinfo.
func sysSysinfo(t *Task) (int64, abi.Errno) {
	a := t.args()
	var b [sysinfoSize]byte
	le := binary.LittleEndian

	up := t.k.clock().Monotonic()
	sec := uint64(up / 1e9)
	if up%1e9 != 0 {
		sec++
	}
	le.PutUint64(b[sysinfoUptime:], sec)

	if m := t.k.Machine; m != nil {
		if fc, ok := m.Frames().(frameCounter); ok {
			le.PutUint64(b[sysinfoTotalRAM:],
				uint64(fc.Count())*abi.PageSize)
			le.PutUint64(b[sysinfoFreeRAM:],
				uint64(fc.Available())*abi.PageSize)
		}
	}
	le.PutUint16(b[sysinfoProcs:], uint16(len(t.k.Tasks())))
	le.PutUint32(b[sysinfoMemUnit:], 1)

	return 0, t.copyOut(a[0], b[:])
}
