package kernel

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// framesMachine is a Machine whose only part is its frame pool.
type framesMachine struct {
	Machine
	frames mm.Frames
}

func (m framesMachine) Frames() mm.Frames { return m.frames }

func TestSysinfo(t *testing.T) {
	e := newEnv(t)
	mem := &envMem{mem: make([]byte, 16*abi.PageSize)}
	pool := mm.NewFramePool(mem, envFrameBase, envFrameBase+16*abi.PageSize)
	_, ok := pool.Alloc()
	require.True(t, ok)
	e.k.Machine = framesMachine{frames: pool}
	e.clock.mono = 90*time.Second + time.Millisecond

	require.Zero(t, e.call(abi.SysSysinfo, dataAddr))
	b := e.peek(t, dataAddr, sysinfoSize)
	le := binary.LittleEndian
	assert.Equal(t, uint64(91), le.Uint64(b[sysinfoUptime:]),
		"uptime rounds up")
	assert.Equal(t, uint64(16*abi.PageSize), le.Uint64(b[sysinfoTotalRAM:]))
	assert.Equal(t, uint64(15*abi.PageSize), le.Uint64(b[sysinfoFreeRAM:]))
	assert.Equal(t, uint16(1), le.Uint16(b[sysinfoProcs:]))
	assert.Equal(t, uint32(1), le.Uint32(b[sysinfoMemUnit:]))

	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysSysinfo, roAddr))
}
