# Vosia.execute_all, the batch call, from Julia: a refused batch (one failed Outcome per query,
# in order, with status, text and no results), an argument error, an empty batch, a service
# with a progress function refused; with VOSIA_TEST_DACHS, 5 SIA 1.0 positions whose row
# counts equal serial runs, and results that outlive their outcome list.
#
# Not run by ctest: no Julia is installed on the build machines (julia_names checks Vosia.jl
# statically instead). Run it by hand against a build:
#     VOSIA_LIB=build/lib/libvosia.so VOSIA_TEST_DACHS=http://127.0.0.1:8080 \
#         julia tests/julia/test_batch.jl
using Test

include(joinpath(@__DIR__, "..", "..", "examples", "julia", "Vosia.jl"))
using .Vosia

function positions(svc, n)
    return [Vosia.set_size!(Vosia.set_pos!(Query(svc), 10.6 + 0.03i, 41.2 + 0.02i), 0.2)
            for i in 1:n]
end

@testset "refused batch" begin
    svc = Service("http://127.0.0.1:9/sia?", Vosia.SIA1)
    Vosia.set_connect_timeout!(svc, 2)
    qs = positions(svc, 3)
    outcomes = Vosia.execute_all(qs; jobs = 2, per_host = 2)
    @test length(outcomes) == 3
    for (i, o) in enumerate(outcomes)
        @test o.index == i
        @test !Vosia.ok(o)
        @test o.results === nothing
        @test o.error isa VosiaError
        @test o.error.status == Vosia.E_CONNECT
        @test occursin("127.0.0.1:9", o.error.message)
    end
    err = try
        Vosia.execute_all(qs; jobs = 65)
        nothing
    catch e
        e
    end
    @test err isa VosiaError && err.status == Vosia.E_INVALID_ARG
    @test isempty(Vosia.execute_all(Query[]))

    Vosia.set_progress!(svc, (done, total) -> false)
    @test_throws ArgumentError Vosia.execute_all(qs)
    Vosia.set_progress!(svc, nothing)
    @test length(Vosia.execute_all(qs[1:1])) == 1
end

const dachs = get(ENV, "VOSIA_TEST_DACHS", "")
if isempty(dachs)
    println("note: VOSIA_TEST_DACHS not set; skipping the live part")
else
    @testset "live batch" begin
        svc = Service(dachs * "/siatest/q/i/siap.xml?", Vosia.SIA1)
        qs = positions(svc, 5)
        outcomes = Vosia.execute_all(qs)
        @test all(Vosia.ok, outcomes)
        total = 0
        for (o, q) in zip(outcomes, qs)
            rows = Vosia.row_count(o.results)
            @test rows == Vosia.row_count(Vosia.execute(q))
            total += rows
        end
        @test total > 5
        # The results keep their batch alive after the outcomes are gone.
        kept = [o.results for o in outcomes]
        urls = Vosia.get_std_text_column(kept[1], :access_url)
        outcomes = nothing
        GC.gc()
        GC.gc()
        @test Vosia.get_std_text_column(kept[1], :access_url) == urls
        close(kept[1])  # lent: let go of, not freed
        @test Vosia.row_count(kept[2]) >= 0
    end
end
