using System.Net;
using NinSearch.Silo.Hosting;

namespace NinSearch.Silo.Tests.Hosting;

/// <summary>Which address a silo publishes for other hosts: configured, else the first usable interface, else loopback.</summary>
public sealed class AdvertisedAddressTests
{
    private static readonly AdvertisedAddress.Interface Loopback = new("lo", true, true, [IPAddress.Loopback, IPAddress.IPv6Loopback]);

    [Fact]
    public void A_configured_address_wins_over_every_interface()
    {
        var chosen = AdvertisedAddress.Choose(" 10.1.2.3 ", [Loopback, new("eth0", true, false, [IPAddress.Parse("192.168.0.5")])]);

        Assert.Equal(IPAddress.Parse("10.1.2.3"), chosen.Address);
        Assert.Equal("configured", chosen.Source);
    }

    [Fact]
    public void By_default_the_first_up_non_loopback_interface_gives_its_IPv4_address()
    {
        var chosen = AdvertisedAddress.Choose(null,
        [
            Loopback,
            new("down0", false, false, [IPAddress.Parse("10.9.9.9")]),
            new("v6only", true, false, [IPAddress.Parse("fe80::1"), IPAddress.Parse("2001:db8::1")]),
            new("linklocal", true, false, [IPAddress.Parse("169.254.3.4")]),
            new("eth0", true, false, [IPAddress.Parse("2001:db8::2"), IPAddress.Parse("10.231.7.2")]),
            new("eth1", true, false, [IPAddress.Parse("10.231.8.2")]),
        ]);

        Assert.Equal(IPAddress.Parse("10.231.7.2"), chosen.Address);
        Assert.Equal("interface eth0", chosen.Source);
        Assert.False(chosen.IsLoopback);
    }

    [Fact]
    public void With_only_loopback_up_the_silo_advertises_loopback_and_says_so()
    {
        var chosen = AdvertisedAddress.Choose("", [Loopback, new("eth0", false, false, [IPAddress.Parse("10.0.0.2")])]);

        Assert.Equal(IPAddress.Loopback, chosen.Address);
        Assert.Equal(AdvertisedAddress.LoopbackFallback, chosen.Source);
        Assert.True(chosen.IsLoopback);
    }

    [Theory]
    [InlineData("pod-ip")]
    [InlineData("$(POD_IP)")]
    public void An_advertised_address_that_is_not_an_IP_is_refused_naming_the_key(string value)
    {
        var errors = new SiloOptions { AdvertisedAddress = value }.Validate().ToList();

        Assert.Contains(errors, e => e.StartsWith("NinSearch:Silo:AdvertisedAddress must be an IP address", StringComparison.Ordinal));
    }
}
