using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Workforce;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Workforce;

public static class WorkforceEndpoints
{
    public static RouteGroupBuilder MapWorkforceEndpoints(this RouteGroupBuilder api)
    {
        var workers = api.MapGroup("/workers").WithTags("Workforce");
        workers.MapGet("/", ListWorkers).WithSummary("Community workers in the caller's scope.");
        workers.MapGet("/{id:int}", GetWorker).WithSummary("One worker with assignments and seniority.");
        workers.MapPost("/", CreateWorker)
            .RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("Hires a worker for a street or community of the caller's scope; 400 with reasons, 404 outside the scope.");
        return api;
    }

    public sealed record WorkerDto(int Id, string Name, string Position, string Category, string Qualification, int? QualificationYear, int Seniority, string Employer, IReadOnlyList<string> Assignments);

    public sealed record NewWorker(string EmployerCode, string Name, string? Position, EmploymentCategory Category, Qualification Qualification, int? QualificationYear, DateOnly StartDate, IReadOnlyList<string>? Assignments);

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().Date);

    private static WorkerDto ToDto(Worker w, DateOnly today) =>
        new(w.Id, w.Name, w.Position, w.Category.ToString(), w.Qualification.ToString(), w.QualificationYear, w.SeniorityYears(today), w.RegionCode, [.. w.Assignments.Select(a => a.RegionCode)]);

    private static async Task<Ok<List<WorkerDto>>> ListWorkers(int? page, int? pageSize, ShequDbContext db, TimeProvider time, CancellationToken ct)
    {
        var result = await db.Workers.AsNoTracking().Include(w => w.Assignments).OrderBy(w => w.Id).ToPageAsync(page ?? 1, pageSize ?? Page<Worker>.DefaultSize, ct);
        return TypedResults.Ok(result.Items.Select(w => ToDto(w, Today(time))).ToList());
    }

    private static async Task<Results<Ok<WorkerDto>, ProblemHttpResult>> GetWorker(int id, ShequDbContext db, TimeProvider time, CancellationToken ct)
    {
        var worker = await db.Workers.AsNoTracking().Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == id, ct);
        return worker is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "社区工作者不存在", detail: "找不到该社区工作者，或其不在您的管辖范围内。")
            : TypedResults.Ok(ToDto(worker, Today(time)));
    }

    private static async Task<Results<Created<WorkerDto>, ValidationProblem, ProblemHttpResult>> CreateWorker(NewWorker input, ShequDbContext db, TimeProvider time, CancellationToken ct)
    {
        var employer = await db.Regions.SingleOrDefaultAsync(r => r.Code == input.EmployerCode, ct);
        var codes = input.Assignments ?? [];
        var assigned = await db.Regions.Where(r => codes.Contains(r.Code)).ToListAsync(ct);
        if (employer is null || assigned.Count != codes.Distinct().Count())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "区划不存在", detail: "聘用单位或服务社区不存在，或不在您的管辖范围内。");
        }

        try
        {
            var worker = Worker.Hire(employer, new WorkerProfile(input.Name, input.Position, input.Category, input.Qualification, input.QualificationYear, input.StartDate));
            if (assigned.Count > 0)
            {
                worker.AssignTo(assigned);
            }

            db.Workers.Add(worker);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/workers/{worker.Id}", ToDto(worker, Today(time)));
        }
        catch (BusinessRuleViolationException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Code] = [ex.Message] }, title: "社区工作者信息不符合要求");
        }
    }
}
