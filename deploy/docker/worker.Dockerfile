# The worker image: `nin-search worker` with libtorch. The build switch TORCH_BACKEND picks libtorch's build:
#   CPU  (default):  docker build -f deploy/docker/worker.Dockerfile -t ninsearch-worker:dev .
#   CUDA:            docker build -f deploy/docker/worker.Dockerfile --build-arg TORCH_BACKEND=cuda -t ninsearch-worker-cuda:dev .
# The CUDA build needs a NuGet feed that serves libtorch-cuda-12.8-linux-x64; at run time the node needs NVIDIA's
# driver and container toolkit (which mount the driver into the pod), nothing else: libtorch carries CUDA's libraries.
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
ARG TORCH_BACKEND=cpu
WORKDIR /src
COPY . .
RUN dotnet publish src/Search.Cli -c Release -r linux-x64 --self-contained false -p:TorchBackend=${TORCH_BACKEND} -o /app

# Its libstdc++ has GLIBCXX_3.4.32, so TorchSharp's native glue loads (older ones get build/torchsharp-native-fix.pl at publish).
FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV DOTNET_gcServer=0
USER $APP_UID
EXPOSE 9464
ENTRYPOINT ["dotnet", "/app/nin-search.dll"]
CMD ["worker"]
