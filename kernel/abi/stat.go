package abi

import "encoding/binary"

// Stat is the portable content of a stat(2) result; the architectures lay
// it out differently (StatAMD64Size and StatARM64Size bytes).
type Stat struct {
	Dev, Ino   uint64
	Nlink      uint64
	Mode       uint32
	UID, GID   uint32
	Rdev       uint64
	Size       int64
	Blksize    int64
	Blocks     int64
	Atime      Timespec
	Mtime      Timespec
	Ctime      Timespec
	RdevMajor  uint32 // statx splits the device numbers
	RdevMinor  uint32
	DevMajor   uint32
	DevMinor   uint32
	StatxAttrs uint64
}

// File type and permission bits of st_mode (include/uapi/linux/stat.h).
const (
	S_IFMT  = 0o170000
	S_IFCHR = 0o020000
	S_IFDIR = 0o040000
	S_IFREG = 0o100000
)

// Makedev encodes a device number as glibc's makedev and the kernel's
// new_encode_dev do for st_dev and st_rdev.
func Makedev(major, minor uint32) uint64 {
	ma, mi := uint64(major), uint64(minor)
	return ma&0xfff<<8 | mi&0xff | ma&^0xfff<<32 | mi&^0xff<<12
}

// Sizes of struct stat: arch/x86/include/uapi/asm/stat.h for x86_64,
// include/uapi/asm-generic/stat.h for arm64.
const (
	StatAMD64Size = 144
	StatARM64Size = 128
)

// EncodeAMD64 lays s out as x86_64's struct stat: st_dev, st_ino,
// st_nlink (u64), st_mode, st_uid, st_gid, pad, st_rdev, st_size,
// st_blksize, st_blocks, three timespecs, three reserved words.
func (s *Stat) EncodeAMD64() []byte {
	b := make([]byte, StatAMD64Size)
	le := binary.LittleEndian
	le.PutUint64(b[0:], s.Dev)
	le.PutUint64(b[8:], s.Ino)
	le.PutUint64(b[16:], s.Nlink)
	le.PutUint32(b[24:], s.Mode)
	le.PutUint32(b[28:], s.UID)
	le.PutUint32(b[32:], s.GID)
	le.PutUint64(b[40:], s.Rdev)
	le.PutUint64(b[48:], uint64(s.Size))
	le.PutUint64(b[56:], uint64(s.Blksize))
	le.PutUint64(b[64:], uint64(s.Blocks))
	s.putTimes(b[72:])
	return b
}

// EncodeARM64 lays s out as the generic struct stat arm64 uses: st_dev,
// st_ino, st_mode, st_nlink (u32), st_uid, st_gid, st_rdev, pad, st_size,
// st_blksize (i32), pad, st_blocks, three timespecs, two unused words.
func (s *Stat) EncodeARM64() []byte {
	b := make([]byte, StatARM64Size)
	le := binary.LittleEndian
	le.PutUint64(b[0:], s.Dev)
	le.PutUint64(b[8:], s.Ino)
	le.PutUint32(b[16:], s.Mode)
	le.PutUint32(b[20:], uint32(s.Nlink))
	le.PutUint32(b[24:], s.UID)
	le.PutUint32(b[28:], s.GID)
	le.PutUint64(b[32:], s.Rdev)
	le.PutUint64(b[48:], uint64(s.Size))
	le.PutUint32(b[56:], uint32(s.Blksize))
	le.PutUint64(b[64:], uint64(s.Blocks))
	s.putTimes(b[72:])
	return b
}

// putTimes writes atime, mtime and ctime as sec, nsec pairs of u64.
func (s *Stat) putTimes(b []byte) {
	for i, ts := range []Timespec{s.Atime, s.Mtime, s.Ctime} {
		ts.Encode(b[16*i:])
	}
}
