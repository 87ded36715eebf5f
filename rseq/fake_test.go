package rseq

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Test address space: one mapped region holding the area, a descriptor
// and the code with the signature before the abort handler.
const (
	memBase   = 0x10000
	memSize   = 0x4000
	areaAddr  = 0x10000 // 32-aligned struct rseq
	csAddr    = 0x10800 // struct rseq_cs
	startIP   = 0x11000
	commitOff = 0x20
	abortIP   = 0x11100
	testSig   = SignatureAMD64
)

// write is one CopyOut the fake memory saw.
type write struct{ addr, n uint64 }

// fakeMem is a flat user region; readOnly makes every write fault.
type fakeMem struct {
	b        []byte
	readOnly bool
	writes   []write
}

func newFakeMem() *fakeMem { return &fakeMem{b: make([]byte, memSize)} }

func (m *fakeMem) span(addr uint64, n int) ([]byte, bool) {
	if addr < memBase || addr-memBase+uint64(n) > memSize {
		return nil, false
	}
	off := addr - memBase
	return m.b[off : off+uint64(n)], true
}

func (m *fakeMem) CopyIn(addr uint64, dst []byte) error {
	s, ok := m.span(addr, len(dst))
	if !ok {
		return abi.EFAULT
	}
	copy(dst, s)
	return nil
}

func (m *fakeMem) CopyOut(addr uint64, src []byte) error {
	s, ok := m.span(addr, len(src))
	if !ok || m.readOnly {
		return abi.EFAULT
	}
	copy(s, src)
	m.writes = append(m.writes, write{addr, uint64(len(src))})
	return nil
}

func (m *fakeMem) u32(addr uint64) uint32 {
	s, _ := m.span(addr, 4)
	return binary.LittleEndian.Uint32(s)
}

func (m *fakeMem) u64(addr uint64) uint64 {
	s, _ := m.span(addr, 8)
	return binary.LittleEndian.Uint64(s)
}

func (m *fakeMem) put32(addr uint64, v uint32) {
	s, _ := m.span(addr, 4)
	binary.LittleEndian.PutUint32(s, v)
}

func (m *fakeMem) put64(addr uint64, v uint64) {
	s, _ := m.span(addr, 8)
	binary.LittleEndian.PutUint64(s, v)
}

// putCS writes a descriptor at csAddr.
func (m *fakeMem) putCS(cs CS) {
	m.put32(csAddr+csOffVersion, cs.Version)
	m.put32(csAddr+csOffFlags, cs.Flags)
	m.put64(csAddr+csOffStartIP, cs.StartIP)
	m.put64(csAddr+csOffPostCommitOffset, cs.PostCommitOffset)
	m.put64(csAddr+csOffAbortIP, cs.AbortIP)
}

// idWrites counts the writes that touched the ID fields.
func (m *fakeMem) idWrites() int {
	n := 0
	for _, w := range m.writes {
		if w.addr == areaAddr+OffCPUIDStart ||
			w.addr == areaAddr+OffNodeID {
			n++
		}
	}
	return n
}

// goodCS is a valid descriptor for the test code.
func goodCS() CS {
	return CS{StartIP: startIP, PostCommitOffset: commitOff,
		AbortIP: abortIP}
}

// fakeRegs holds the user IP.
type fakeRegs struct{ ip uint64 }

func (r *fakeRegs) InstructionPointer() uint64      { return r.ip }
func (r *fakeRegs) SetInstructionPointer(ip uint64) { r.ip = ip }

// justRegistered returns a memory with the signature in place and a
// state registered at areaAddr, its IDs still pending.
func justRegistered() (*State, *fakeMem) {
	m := newFakeMem()
	m.put32(abortIP-4, testSig)
	st := &State{}
	if e := Register(st, m, areaAddr, OrigSize, 0, testSig); e != 0 {
		panic(e)
	}
	m.writes = nil
	return st, m
}

// registered is justRegistered with the first IDs written, for CPU 0.
func registered() (*State, *fakeMem) {
	st, m := justRegistered()
	if err := HandleNotifyResume(st, m, &fakeRegs{}, IDs{}); err != nil {
		panic(err)
	}
	m.writes = nil
	return st, m
}
