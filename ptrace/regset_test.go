package ptrace

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// fakeCtx is a context of two 4-byte registers for the generic algorithm.
type fakeCtx struct {
	regs   [8]byte
	gets   int
	sets   int
	refuse abi.Errno
}

func fakeView() *View[*fakeCtx] {
	return &View[*fakeCtx]{
		Name: "fake",
		Regsets: []Regset[*fakeCtx]{{
			Note: NT_PRSTATUS, N: 2, Size: 4, Align: 4,
			Get: func(c *fakeCtx, dst []byte) {
				c.gets++
				copy(dst, c.regs[:])
			},
			Set: func(c *fakeCtx, src []byte) abi.Errno {
				c.sets++
				if c.refuse != 0 {
					return c.refuse
				}
				copy(c.regs[:], src)
				return 0
			},
		}},
	}
}

func TestGetRegset(t *testing.T) {
	tests := []struct {
		name    string
		note    uint32
		bufLen  int
		want    []byte
		wantErr abi.Errno
	}{
		{"whole set", NT_PRSTATUS, 8, []byte{1, 2, 3, 4, 5, 6, 7, 8}, 0},
		{"first register only", NT_PRSTATUS, 4, []byte{1, 2, 3, 4}, 0},
		{"longer buffer is clamped to the set", NT_PRSTATUS, 64,
			[]byte{1, 2, 3, 4, 5, 6, 7, 8}, 0},
		{"zero length reads nothing", NT_PRSTATUS, 0, []byte{}, 0},
		{"unknown note is EINVAL", NT_PRFPREG, 8, nil, abi.EINVAL},
		{"length not a multiple of the register is EINVAL",
			NT_PRSTATUS, 6, nil, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCtx{regs: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}}
			buf := make([]byte, tt.bufLen)

			n, err := GetRegset(fakeView(), tt.note, c, buf)

			assert.Equal(t, tt.wantErr, err)
			if tt.wantErr != 0 {
				assert.Zero(t, n)
				assert.Zero(t, c.gets)
				return
			}
			assert.Equal(t, len(tt.want), n, "used length")
			assert.Equal(t, tt.want, buf[:n])
		})
	}
}

func TestSetRegset(t *testing.T) {
	tests := []struct {
		name     string
		note     uint32
		src      []byte
		refuse   abi.Errno
		wantN    int
		wantErr  abi.Errno
		wantRegs [8]byte
		wantSets int
	}{
		{name: "whole set", note: NT_PRSTATUS,
			src:   []byte{9, 9, 9, 9, 8, 8, 8, 8},
			wantN: 8, wantRegs: [8]byte{9, 9, 9, 9, 8, 8, 8, 8},
			wantSets: 1},
		{name: "first register only", note: NT_PRSTATUS,
			src:   []byte{9, 9, 9, 9},
			wantN: 4, wantRegs: [8]byte{9, 9, 9, 9, 5, 6, 7, 8},
			wantSets: 1},
		{name: "longer buffer is clamped to the set", note: NT_PRSTATUS,
			src:   []byte{9, 9, 9, 9, 8, 8, 8, 8, 7, 7, 7, 7},
			wantN: 8, wantRegs: [8]byte{9, 9, 9, 9, 8, 8, 8, 8},
			wantSets: 1},
		{name: "zero length still asks the set", note: NT_PRSTATUS,
			src:   []byte{},
			wantN: 0, wantRegs: [8]byte{1, 2, 3, 4, 5, 6, 7, 8},
			wantSets: 1},
		{name: "a refusal of the set is returned with no length",
			note: NT_PRSTATUS, src: []byte{9, 9, 9, 9}, refuse: abi.EIO,
			wantErr: abi.EIO, wantRegs: [8]byte{1, 2, 3, 4, 5, 6, 7, 8},
			wantSets: 1},
		{name: "unknown note is EINVAL", note: NT_ARM_TLS,
			src: []byte{9, 9, 9, 9}, wantErr: abi.EINVAL,
			wantRegs: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}},
		{name: "length not a multiple of the register is EINVAL",
			note: NT_PRSTATUS, src: []byte{9, 9}, wantErr: abi.EINVAL,
			wantRegs: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCtx{regs: [8]byte{1, 2, 3, 4, 5, 6, 7, 8},
				refuse: tt.refuse}

			n, err := SetRegset(fakeView(), tt.note, c, tt.src)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantN, n, "used length")
			assert.Equal(t, tt.wantRegs, c.regs)
			assert.Equal(t, tt.wantSets, c.sets)
		})
	}
}

func TestRegsetLen(t *testing.T) {
	v := fakeView()
	tests := []struct {
		name    string
		note    uint32
		iovLen  uint64
		want    int
		wantErr abi.Errno
	}{
		{"exact size", NT_PRSTATUS, 8, 8, 0},
		{"huge iov_len is clamped without overflow", NT_PRSTATUS,
			1 << 63, 8, 0},
		{"partial", NT_PRSTATUS, 4, 4, 0},
		{"unknown note", NT_X86_XSTATE, 8, 0, abi.EINVAL},
		{"odd length", NT_PRSTATUS, 1<<63 + 2, 0, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := RegsetLen(v, tt.note, tt.iovLen)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.want, n)
		})
	}
}

func TestViewFind(t *testing.T) {
	v := fakeView()

	assert.Equal(t, NT_PRSTATUS, v.Find(NT_PRSTATUS).Note)
	assert.Equal(t, 8, v.Find(NT_PRSTATUS).Len())
	assert.Nil(t, v.Find(NT_PRFPREG))
}
