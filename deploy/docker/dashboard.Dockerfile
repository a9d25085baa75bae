# The dashboard image: REST API and web UI (src/Search.Dashboard on its own), which never references libtorch.
# From the repository root:  docker build -f deploy/docker/dashboard.Dockerfile -t ninsearch-dashboard:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Search.Dashboard -c Release -r linux-x64 --self-contained false -o /app \
 && ! find /app -name 'libtorch*' | grep -q .

FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=5080
USER $APP_UID
EXPOSE 5080 9464
ENTRYPOINT ["dotnet", "/app/Search.Dashboard.dll"]
