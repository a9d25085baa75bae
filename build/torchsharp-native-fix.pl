#!/usr/bin/perl
# Makes TorchSharp's libLibTorchSharp.so load on systems whose libstdc++ predates GLIBCXX_3.4.32 (Debian 12).
#
# TorchSharp 0.107 is built with GCC 13, which references one symbol of that version: std::ios_base_library_init(),
# an iostream initialization hook older libstdc++ runs by itself. The loader refuses the library because the
# version is missing, and TorchSharp reports that as "doesn't contain a reference to libtorch-cpu-linux-x64".
# The fix edits the ELF file in place (two small writes, no size change):
#   1. the GLIBCXX_3.4.32 entry of .gnu.version_r gets VER_FLG_WEAK, so a missing version is no longer fatal;
#   2. the symbol's .gnu.version entry becomes 1 (global, unversioned), as `patchelf --clear-symbol-version` does.
# Written in Perl because perl-base is on every Debian system; needs no patchelf, python or network.
#
# Usage: perl torchsharp-native-fix.pl FILE...   (built copies only, never the NuGet cache)
# Exit 0 when every file is patched, already patched or needs nothing; 1 on an error, with the reason on stderr.
use strict;
use warnings;

my $VERSION_NAME = 'GLIBCXX_3.4.32';
my $SYMBOL = '_ZSt21ios_base_library_initv';
my ($SHT_DYNSYM, $SHT_VERNEED, $SHT_VERSYM) = (11, 0x6ffffffe, 0x6fffffff);
my $VER_FLG_WEAK = 0x2;

my $force = @ARGV && $ARGV[0] eq '--force' ? shift @ARGV : 0;
if (!$force && system_has_version()) {
    print "torchsharp-native-fix: system libstdc++ has $VERSION_NAME; nothing to do\n";
    exit 0;
}
my $failed = 0;
for my $file (@ARGV) {
    my $result = eval { patch_file($file) };
    if ($@) { print STDERR "torchsharp-native-fix: $file: $@"; $failed = 1; next; }
    print "torchsharp-native-fix: $file: $result\n";
}
exit $failed;

sub system_has_version {
    my @candidates = map { "$_/libstdc++.so.6" }
        qw(/usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib64 /lib64 /usr/lib /lib);
    if (open my $ldconfig, '-|', '/sbin/ldconfig -p 2>/dev/null') {
        while (<$ldconfig>) { push @candidates, $1 if /libstdc\+\+\.so\.6 \(libc6,x86-64\) => (\S+)/; }
        close $ldconfig;
    }
    for my $path (@candidates) {
        next unless -f $path && open my $fh, '<:raw', $path;
        local $/;
        my $bytes = <$fh>;
        close $fh;
        return 1 if index($bytes, "$VERSION_NAME\0") >= 0;
        return 0;    # the first libstdc++ found is the one the loader uses
    }
    return 0;
}

sub patch_file {
    my ($file) = @_;
    open my $in, '<:raw', $file or die "cannot read: $!\n";
    local $/;
    my $elf = <$in>;
    close $in;
    die "not an ELF64 little-endian file\n" unless substr($elf, 0, 6) eq "\x7fELF\x02\x01";
    my ($shoff) = unpack 'Q<', substr($elf, 0x28, 8);
    my ($shentsize, $shnum) = unpack 'v v', substr($elf, 0x3A, 4);
    my @sections;
    for my $i (0 .. $shnum - 1) {
        my ($name, $type, $flags, $addr, $offset, $size, $link, $info, $align, $entsize) =
            unpack 'V V Q< Q< Q< Q< V V Q< Q<', substr($elf, $shoff + $i * $shentsize, 64);
        push @sections, { type => $type, offset => $offset, size => $size, link => $link, entsize => $entsize };
    }
    my ($verneed) = grep { $_->{type} == $SHT_VERNEED } @sections;
    my ($dynsym) = grep { $_->{type} == $SHT_DYNSYM } @sections;
    my ($versym) = grep { $_->{type} == $SHT_VERSYM } @sections;
    die "no .gnu.version_r, .dynsym or .gnu.version section\n" unless $verneed && $dynsym && $versym;

    my $changes = 0;
    # 1. Vernaux { vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32 } of GLIBCXX_3.4.32.
    my $strtab = $sections[$verneed->{link}]{offset};
    my ($found_version, $entry) = (0, $verneed->{offset});
    while (1) {
        my ($vn_version, $vn_cnt, $vn_file, $vn_aux, $vn_next) = unpack 'v v V V V', substr($elf, $entry, 16);
        my $aux = $entry + $vn_aux;
        for (1 .. $vn_cnt) {
            my ($hash, $flags, $other, $name, $next) = unpack 'V v v V V', substr($elf, $aux, 16);
            if (cstring($elf, $strtab + $name) eq $VERSION_NAME) {
                $found_version = 1;
                if (!($flags & $VER_FLG_WEAK)) {
                    substr($elf, $aux + 4, 2) = pack 'v', $flags | $VER_FLG_WEAK;
                    $changes++;
                }
            }
            last unless $next;
            $aux += $next;
        }
        last unless $vn_next;
        $entry += $vn_next;
    }
    # 2. The symbol's .gnu.version entry (u16 per .dynsym entry).
    my $symstr = $sections[$dynsym->{link}]{offset};
    my $count = int($dynsym->{size} / 24);
    my $found_symbol = 0;
    for my $i (0 .. $count - 1) {
        my ($name) = unpack 'V', substr($elf, $dynsym->{offset} + $i * 24, 4);
        next unless cstring($elf, $symstr + $name) eq $SYMBOL;
        $found_symbol = 1;
        my $at = $versym->{offset} + 2 * $i;
        if (unpack('v', substr($elf, $at, 2)) != 1) {
            substr($elf, $at, 2) = pack 'v', 1;
            $changes++;
        }
    }
    return "does not need $VERSION_NAME" unless $found_version || $found_symbol;
    return 'already patched' unless $changes;

    # Write a new file and rename it over the old one: the build output may be a hard link into the NuGet cache,
    # which must stay untouched. Keeping the timestamp lets MSBuild's incremental copy treat it as up to date.
    my @stat = stat $file or die "cannot stat: $!\n";
    my $tmp = "$file.fix-$$";
    open my $out, '>:raw', $tmp or die "cannot write $tmp: $!\n";
    print {$out} $elf or die "cannot write $tmp: $!\n";
    close $out or die "cannot write $tmp: $!\n";
    chmod $stat[2] & 07777, $tmp;
    utime $stat[8], $stat[9], $tmp;
    rename $tmp, $file or do { unlink $tmp; die "cannot replace: $!\n" };
    return 'patched';
}

sub cstring {
    my ($bytes, $at) = @_;
    my $end = index($bytes, "\0", $at);
    return substr($bytes, $at, $end - $at);
}
