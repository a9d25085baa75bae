# The silo image: `nin-search silo`, without libtorch (the silo never loads it). Built with the build switch
# TorchBackend=none, which leaves out both libtorch packages (see src/Search.Model/Search.Model.csproj).
# From the repository root:  docker build -f deploy/docker/silo.Dockerfile -t ninsearch-silo:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Search.Cli -c Release -r linux-x64 --self-contained false -p:TorchBackend=none -o /app \
 && ! find /app -name 'libtorch*' | grep -q .

# ASP.NET Core runtime: the silo serves /metrics, /healthz and /readyz with Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
WORKDIR /app
COPY --from=build /app .
ENV DOTNET_gcServer=0
# The image's unprivileged "app" user (uid 1654), which the manifests' securityContext names too.
USER $APP_UID
EXPOSE 11111 30000 9464
ENTRYPOINT ["dotnet", "/app/nin-search.dll"]
CMD ["silo"]
