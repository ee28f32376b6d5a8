<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../gui/controls.py" line="105" />
            <location filename="../../gui/controls.py" line="165" />
            <source>smoothing {weight:.2f}</source>
            <translation>평활화 {weight:.2f}</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="262" />
            <source>{blas}, {cores} cores</source>
            <translation>{blas}, {cores}코어</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="39" />
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="41" />
            <source>Code</source>
            <translation>코드</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="42" />
            <source>The loop the chosen code runs, beside another code's: NumPy's hand-written backward pass, PyTorch's loss.backward()</source>
            <translation>선택한 코드가 실행하는 루프를 다른 코드의 루프와 나란히 보여 줍니다: NumPy로 손수 쓴 역전파와 PyTorch의 loss.backward()</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="21" />
            <source>Device race</source>
            <translation>장치 경주</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="22" />
            <source>The same run on two targets, from the same draw</source>
            <translation>같은 난수에서 시작한 같은 학습을 두 대상에서 실행합니다</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="23" />
            <source>Size sweep</source>
            <translation>크기 스윕</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="24" />
            <source>Cost against problem size: where the GPU wins</source>
            <translation>문제 크기에 따른 비용: GPU가 이기는 지점</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="25" />
            <source>Learning-rate sweep</source>
            <translation>학습률 스윕</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="26" />
            <source>Final loss against learning rate, beside the bound 2/λ_max</source>
            <translation>학습률에 따른 최종 손실과 한계 2/λ_max</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="28" />
            <source>Profile</source>
            <translation>프로파일</translation>
        </message>
        <message>
            <location filename="../../gui/tabs.py" line="29" />
            <source>One iteration of the tutorial taken apart: where the time goes, line by line</source>
            <translation>튜토리얼의 반복 한 번을 줄 단위로 분해: 시간이 어디에 쓰이는가</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="41" />
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="42" />
            <source>&amp;Import…</source>
            <translation>가져오기(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="43" />
            <source>Read run records (JSON written by this program, on this machine or another, such as Colab) into the run table</source>
            <translation>학습 기록(이 프로그램이 이 컴퓨터나 Colab 같은 다른 컴퓨터에서 쓴 JSON)을 학습 표로 읽어 옵니다</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="48" />
            <source>Export for &amp;Colab…</source>
            <translation>Colab용으로 내보내기(&amp;C)…</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="50" />
            <source>A notebook that reproduces this run on Colab's free GPU (or any Jupyter), and writes a record to import here</source>
            <translation>이 학습을 Colab의 무료 GPU(또는 아무 주피터)에서 재현하고, 여기로 가져올 기록을 쓰는 노트북</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="54" />
            <source>Export as &amp;script…</source>
            <translation>스크립트로 내보내기(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="56" />
            <source>The same as one plain Python file, for a machine without Jupyter</source>
            <translation>주피터가 없는 컴퓨터를 위해, 같은 내용을 평범한 파이썬 파일 하나로</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="59" />
            <source>Recent &amp;sessions</source>
            <translation>최근 세션(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="62" />
            <source>Every run is kept on disk as it ends: reopen or delete an earlier session</source>
            <translation>모든 실행은 끝나는 즉시 디스크에 보관됩니다: 이전 세션을 다시 열거나 삭제합니다</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="64" />
            <source>&amp;Quit</source>
            <translation>끝내기(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="65" />
            <source>Close the window (a running job is stopped first)</source>
            <translation>창을 닫습니다(실행 중인 작업은 먼저 중지합니다)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="69" />
            <location filename="../../gui/menus.py" line="70" />
            <source>&amp;Run</source>
            <translation>실행(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="72" />
            <source>&amp;Export…</source>
            <translation>내보내기(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="75" />
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="77" />
            <source>&amp;Presentation mode</source>
            <translation>발표 모드(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../gui/menus.py" line="78" />
            <source>Full screen, fonts 1.6× larger, thicker curves and a larger wall clock: for the back of a lecture hall</source>
            <translation>전체 화면, 1.6× 큰 글꼴, 굵은 곡선과 더 큰 시계: 강의실 뒷자리까지 보이도록</translation>
        </message>
        <message>
            <location filename="../../gui/gpu_probe.py" line="20" />
            <source>GPU unavailable ({reason}): this run would use the CPU.</source>
            <translation>GPU를 쓸 수 없습니다({reason}): 이 학습은 CPU에서 실행됩니다.</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="186" />
            <source>Preset {name} needs a GPU, and none can be used here ({reason}): not applied.</source>
            <translation>프리셋 {name}에는 GPU가 필요한데 여기서는 쓸 수 있는 GPU가 없습니다({reason}): 적용하지 않았습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/gpu_probe.py" line="75" />
            <source>the probe {kind}: {message}</source>
            <translation>GPU 확인 {kind}: {message}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="204" />
            <source>Fix the highlighted settings: {errors}</source>
            <translation>표시된 설정을 고치세요: {errors}</translation>
        </message>
        <message>
            <location filename="../../gui/training_tab.py" line="90" />
            <source>Deleted runs {runs}</source>
            <translation>학습 {runs}을(를) 삭제했습니다</translation>
        </message>
        <message>
            <location filename="../../gui/training_tab.py" line="91" />
            <source>Deleted run {runs}</source>
            <translation>학습 {runs}을(를) 삭제했습니다</translation>
        </message>
        <message>
            <location filename="../../gui/training_tab.py" line="96" />
            <source>History cleared</source>
            <translation>기록을 지웠습니다</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="40" />
            <source>Export failed: {error}</source>
            <translation>내보내기 실패: {error}</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="43" />
            <source>Exported {count} runs to {folder}</source>
            <translation>학습 {count}개를 {folder}에 내보냈습니다</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="54" />
            <source>Import refused: {file}: {reason}</source>
            <translation>가져오기 거부: {file}: {reason}</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="61" />
            <source>Imported {count} runs from {file}</source>
            <translation>{file}에서 학습 {count}개를 가져왔습니다</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="62" />
            <source>Imported {count} run from {file}</source>
            <translation>{file}에서 학습 {count}개를 가져왔습니다</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="69" />
            <source>Import run records</source>
            <translation>학습 기록 가져오기</translation>
        </message>
        <message>
            <location filename="../../gui/records_io.py" line="75" />
            <source>Export plot, losses and records into</source>
            <translation>그래프, 손실, 기록을 내보낼 폴더</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="288" />
            <source>Closing after the run stops…</source>
            <translation>학습이 멈추면 닫습니다…</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <location filename="../../gui/app.py" line="63" />
            <source>--preset: unknown preset {preset!r} (choose from {names})</source>
            <translation>--preset: 알 수 없는 프리셋 {preset!r} (다음 중에서 고르세요: {names})</translation>
        </message>
        <message>
            <location filename="../../gui/app.py" line="138" />
            <source>{asked}: no GPU can be used here: {reason}</source>
            <translation>{asked}: 여기서는 쓸 수 있는 GPU가 없습니다: {reason}</translation>
        </message>
    </context>
    <context>
        <name>axes</name>
        <message>
            <location filename="../../gui/diagnostics_plot.py" line="42" />
            <location filename="../../gui/loss_plot.py" line="85" />
            <location filename="../../gui/loss_plot.py" line="261" />
            <source>iteration t</source>
            <translation>반복 t</translation>
        </message>
        <message>
            <location filename="../../gui/diagnostics_plot.py" line="43" />
            <source>dead units</source>
            <translation>죽은 유닛</translation>
        </message>
        <message>
            <location filename="../../gui/diagnostics_plot.py" line="54" />
            <source>2: stable below</source>
            <translation>2: 이 아래에서 안정</translation>
        </message>
        <message>
            <location filename="../../gui/loss_plot.py" line="86" />
            <source>loss (sum of squares)</source>
            <translation>손실 (제곱합)</translation>
        </message>
        <message>
            <location filename="../../gui/loss_plot.py" line="262" />
            <source>seconds into the loop</source>
            <translation>루프 시작 후 초</translation>
        </message>
        <message>
            <location filename="../../gui/loss_plot.py" line="383" />
            <source>#{number} diverged at t = {t}</source>
            <translation>#{number}: t = {t}에서 발산</translation>
        </message>
        <message>
            <location filename="../../gui/loss_plot.py" line="389" />
            <source>Double-click to zoom to this divergence; Home shows every run again</source>
            <translation>두 번 클릭하면 이 발산을 확대합니다; Home 키를 누르면 모든 학습을 다시 보여 줍니다</translation>
        </message>
        <message>
            <location filename="../../gui/loss_plot.py" line="516" />
            <source>#{number}: t = {t}{seconds}, loss {loss:.4g}</source>
            <translation>#{number}: t = {t}{seconds}, 손실 {loss:.4g}</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="47" />
            <source>learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="48" />
            <source>final loss</source>
            <translation>최종 손실</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="54" />
            <source>diverged</source>
            <translation>발산</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="67" />
            <source>time (log)</source>
            <translation>시간 (로그)</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="62" />
            <source>seconds into the training loop</source>
            <translation>학습 루프 시작 후 초</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="63" />
            <source>loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="61" />
            <location filename="../../gui/size_sweep_tool.py" line="64" />
            <source>work per iteration (MFLOP)</source>
            <translation>반복당 연산량 (MFLOP)</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="62" />
            <source>seconds per iteration</source>
            <translation>반복당 초</translation>
        </message>
    </context>
    <context>
        <name>cli</name>
        <message>
            <location filename="../../cli/main.py" line="50" />
            <source>{option} is a window option; it does nothing for '{command}' (see {prog} --help)</source>
            <translation>{option}은(는) 창 옵션이라 '{command}'에는 아무 효과가 없습니다({prog} --help 참고)</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="30" />
            <source>status: diverged at iteration {t} (the loss became non-finite); lower the learning rate</source>
            <translation>상태: 반복 {t}에서 발산(손실이 유한하지 않게 됨); 학습률을 낮추세요</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="34" />
            <source>status: {status} after {iterations} iterations</source>
            <translation>상태: 반복 {iterations}회 후 {status}</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="36" />
            <source>Completed in {seconds:.3f} seconds</source>
            <translation>{seconds:.3f} s 만에 완료</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="38" />
            <source>Ran for {seconds:.3f} seconds</source>
            <translation>{seconds:.3f} s 동안 실행</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="39" />
            <source> (setup {setup:.3f} s: draw, copy to device, warm-up)</source>
            <translation> (준비 {setup:.3f} s: 난수 생성, 장치로 복사, 예열)</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="46" />
            <source>over {count} repeats: median {time}</source>
            <translation>{count}회 반복 측정: 중앙값 {time}</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="107" />
            <source>note: {note}</source>
            <translation>참고: {note}</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="59" />
            <source>iterations per second: {rate:,.0f}</source>
            <translation>초당 반복: {rate:,.0f}</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="62" />
            <source> (the training's own {training:.3f} s; the diagnostics took {diagnostics:.3f} s of the loop)</source>
            <translation> (학습 자체 {training:.3f} s; 진단이 루프 중 {diagnostics:.3f} s 사용)</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="71" />
            <source>outcome: diverged (the last finite loss, at iteration {t}, was {loss:.4g})</source>
            <translation>결과: 발산 (마지막 유한 손실은 반복 {t}에서 {loss:.4g})</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="75" />
            <source>outcome: {outcome} (final loss {loss:.4g}, initial {initial:.4g})</source>
            <translation>결과: {outcome} (최종 손실 {loss:.4g}, 초기 {initial:.4g})</translation>
        </message>
        <message>
            <location filename="../../cli/run.py" line="33" />
            <location filename="../../cli/tools.py" line="30" />
            <source>--repeats: must be at least 1, got {value}</source>
            <translation>--repeats: 1 이상이어야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../cli/output.py" line="68" />
            <source>time to {target}: {reached}</source>
            <translation>{target}까지 걸린 시간: {reached}</translation>
        </message>
        <message>
            <location filename="../../cli/run.py" line="54" />
            <source>--pairs: must be at least 3 (a median needs repeats), got {value}</source>
            <translation>--pairs: 3 이상이어야 합니다(중앙값에는 반복이 필요합니다). 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../cli/run.py" line="77" />
            <location filename="../../cli/tools.py" line="61" />
            <source>verdict: {verdict}</source>
            <translation>판정: {verdict}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="33" />
            <source>--max-seconds: must be above 0, got {value:g}</source>
            <translation>--max-seconds: 0보다 커야 합니다. 입력값: {value:g}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="41" />
            <source>race: {lanes}, N={n} D_in={d_in} H={hidden} D_out={d_out}, {iterations} iterations, at least {repeats} rounds, alternated, until the verdict is settled or {seconds:g} s are spent</source>
            <translation>경주: {lanes}, N={n} D_in={d_in} H={hidden} D_out={d_out}, 반복 {iterations}회, 최소 {repeats}라운드를 번갈아 실행, 판정이 나거나 {seconds:g} s가 지날 때까지</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="51" />
            <location filename="../../cli/tools.py" line="200" />
            <source>status: stopped (Ctrl+C); what was measured so far follows</source>
            <translation>상태: 중지됨 (Ctrl+C); 지금까지 측정한 결과는 다음과 같습니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="64" />
            <source>time to target: {verdict}</source>
            <translation>목표까지 걸린 시간: {verdict}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="70" />
            <source>threads ({lane}): {sentence}</source>
            <translation>스레드 ({lane}): {sentence}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="73" />
            <source>largest relative difference between the loss curves: {difference:.3g}</source>
            <translation>손실 곡선 사이의 최대 상대 차이: {difference:.3g}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="105" />
            <source>status: stopped (Ctrl+C); the points measured so far follow</source>
            <translation>상태: 중지됨 (Ctrl+C); 지금까지 측정한 점은 다음과 같습니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="109" />
            <source>crossover: the GPU is faster from {mflop:.1f} MFLOP per iteration</source>
            <translation>교차점: 반복당 {mflop:.1f} MFLOP부터 GPU가 더 빠릅니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="111" />
            <source>crossover: the GPU is faster from no size in this sweep</source>
            <translation>교차점: 이 스윕의 어떤 크기에서도 GPU가 더 빠르지 않습니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="113" />
            <source>largest speedup: {speedup} at {mflop:.1f} MFLOP per iteration (the ratio of the medians; the range: the fastest and slowest repeats)</source>
            <translation>최대 가속비: 반복당 {mflop:.1f} MFLOP에서 {speedup} (중앙값의 비; 범위: 가장 빠른 반복과 가장 느린 반복)</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="140" />
            <source>status: stopped (Ctrl+C); the rates measured so far follow</source>
            <translation>상태: 중지됨 (Ctrl+C); 지금까지 측정한 학습률은 다음과 같습니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="143" />
            <source>lowest final loss: {loss:.4g} at learning rate {lr:.4g}</source>
            <translation>가장 낮은 최종 손실: 학습률 {lr:.4g}에서 {loss:.4g}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="145" />
            <source>largest learning rate that learned (final loss below {share} of the initial): {lr:.4g}</source>
            <translation>학습에 성공한 가장 큰 학습률(최종 손실이 초기의 {share} 미만): {lr:.4g}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="148" />
            <source>no learning rate in the range learned</source>
            <translation>범위 안의 어떤 학습률도 학습에 성공하지 못했습니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="149" />
            <source>largest learning rate whose loss fell at all: {lr:.4g}</source>
            <translation>손실이 조금이라도 줄어든 가장 큰 학습률: {lr:.4g}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="151" />
            <source>no learning rate in the range lowered the loss</source>
            <translation>범위 안의 어떤 학습률도 손실을 줄이지 못했습니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="152" />
            <source>λ_max = {lambda_max:.4g} at the initial weights; predicted bound 2/λ_max = {bound:.4g}</source>
            <translation>초기 웨이트에서 λ_max = {lambda_max:.4g}; 예측 한계 2/λ_max = {bound:.4g}</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="155" />
            <source>; the largest rate whose loss fell is {ratio:.3g}× it</source>
            <translation>; 손실이 줄어든 가장 큰 학습률은 그 {ratio:.3g}×입니다</translation>
        </message>
        <message>
            <location filename="../../cli/tools.py" line="202" />
            <source>no GPU column: {reason}</source>
            <translation>GPU 열 없음: {reason}</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="36" />
            <source>{option}: invalid choice: {value} (choose from {choices})</source>
            <translation>{option}: {value} — 다음 중 하나여야 합니다: {choices}</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="38" />
            <source>{option}: expected one argument</source>
            <translation>{option}: 뒤에 값이 있어야 합니다</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="40" />
            <source>unrecognized arguments: {value}</source>
            <translation>이 명령의 옵션이 아닙니다: '{value}'</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="42" />
            <source>{option}: {value}</source>
            <translation>{option}: {value}</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="56" />
            <source>{message} (see {help})</source>
            <translation>{message} ({help} 참고)</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="96" />
            <source>{path!r} is a folder, not a file</source>
            <translation>{path!r}은(는) 파일이 아니라 폴더입니다</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="99" />
            <source>folder {path!r} does not exist</source>
            <translation>폴더 {path!r}이(가) 없습니다</translation>
        </message>
        <message>
            <location filename="../../cli/parser.py" line="121" />
            <source>{option}: cannot write {path!r}: {error}</source>
            <translation>{option}: {path!r}에 쓸 수 없습니다: {error}</translation>
        </message>
        <message>
            <location filename="../../cli/window.py" line="38" />
            <source>--pairs: must be at least 1, got {value}</source>
            <translation>--pairs: 1 이상이어야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../cli/window.py" line="42" />
            <source>{option}: must be zero or more, got {value}</source>
            <translation>{option}: 0 이상이어야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../cli/export.py" line="21" />
            <source>--out: {reason}</source>
            <translation>--out: {reason}</translation>
        </message>
    </context>
    <context>
        <name>code_view</name>
        <message>
            <location filename="../../gui/code_view.py" line="98" />
            <source>this code trains when you press Run</source>
            <translation>실행을 누르면 학습하는 코드</translation>
        </message>
        <message>
            <location filename="../../gui/code_view.py" line="106" />
            <source>not run: {layer} is frozen</source>
            <translation>실행 안 함: {layer} 고정됨</translation>
        </message>
        <message>
            <location filename="../../gui/code_view.py" line="124" />
            <source>The code shown on the right, to compare with the one the Code setting chooses (on the left)</source>
            <translation>오른쪽에 보일 코드: 코드 설정이 고른 코드(왼쪽)와 비교합니다</translation>
        </message>
        <message>
            <location filename="../../gui/code_view.py" line="128" />
            <source>Shaded lines: the backward pass (the gradient products, or loss.backward()); grey lines do not run, their layer being frozen. The source is read from the files that run; the tutorial's listing is the one the tests run as the oracle.</source>
            <translation>음영 줄: 역전파(기울기 행렬 곱, 또는 loss.backward()); 회색 줄은 그 층이 고정되어 실행되지 않습니다. 소스는 실제로 실행되는 파일에서 읽습니다; 튜토리얼의 코드는 테스트가 기준으로 실행하는 코드입니다.</translation>
        </message>
        <message>
            <location filename="../../gui/code_view.py" line="136" />
            <source>The code that trains (the Code setting)</source>
            <translation>학습하는 코드 (코드 설정)</translation>
        </message>
    </context>
    <context>
        <name>codes</name>
        <message>
            <location filename="../../engine/backends/codes.py" line="33" />
            <source>NumPy engine</source>
            <translation>NumPy 엔진</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="35" />
            <source>the tutorial's NumPy listing</source>
            <translation>튜토리얼의 NumPy 코드</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="37" />
            <source>Warm-up: numpy (the engine: NumPy on a CPU, its updates folded into the products; sgd_step with diagnostics and on a GPU's port)</source>
            <translation>"Warm-up: numpy" (엔진: CPU의 NumPy, 갱신을 행렬 곱에 합쳐 계산; 진단과 GPU 포트에서는 sgd_step)</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="40" />
            <source>PyTorch: Tensors (gradients written by hand, on torch tensors)</source>
            <translation>PyTorch: Tensors (torch 텐서 위에서 손수 쓴 기울기)</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="42" />
            <source>PyTorch: Autograd (loss.backward() computes the gradients)</source>
            <translation>PyTorch: Autograd (loss.backward()가 기울기를 계산)</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="44" />
            <source>Warm-up: numpy in MLX (the same hand-written gradients on mlx.core arrays, evaluated once per iteration)</source>
            <translation>Warm-up: numpy를 MLX로 (mlx.core 배열 위에서 같은 손수 쓴 기울기, 반복마다 한 번 평가)</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="46" />
            <source>Warm-up: numpy as the tutorial writes it (the oracle the tests train every code against; it computes every gradient and updates the trained layers)</source>
            <translation>Warm-up: numpy, 튜토리얼에 쓰인 그대로(테스트가 모든 코드를 비교하는 기준; 모든 기울기를 계산하고 학습하는 층만 갱신)</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="162" />
            <source>the hand-written NumPy code</source>
            <translation>손수 쓴 NumPy 코드</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="163" />
            <source>the hand-written torch code</source>
            <translation>손수 쓴 torch 코드</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="164" />
            <source>the hand-written MLX code</source>
            <translation>손수 쓴 MLX 코드</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="166" />
            <source>both layers are trained</source>
            <translation>두 층 모두 학습합니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="167" />
            <source>both layers are trained, which needs all three</source>
            <translation>두 층 모두 학습하므로 세 개가 모두 필요합니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="169" />
            <source>w1 is frozen, so nothing needs grad_h_relu</source>
            <translation>w1이 고정되어 grad_h_relu가 필요 없습니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="171" />
            <source>w1 is frozen, yet more than grad_w2 was computed</source>
            <translation>w1이 고정되었는데도 grad_w2 외의 것이 계산되었습니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="173" />
            <source>w2 is frozen, so grad_w2 is skipped</source>
            <translation>w2가 고정되어 grad_w2를 건너뜁니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="174" />
            <source>w2 is frozen, yet grad_w2 was computed</source>
            <translation>w2가 고정되었는데도 grad_w2가 계산되었습니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="175" />
            <source>{who} ran {products} of {all} gradient products: {why}</source>
            <translation>{who}: 기울기 행렬 곱 {all}개 중 {products}개를 실행했습니다; {why}</translation>
        </message>
        <message>
            <location filename="../../engine/backends/codes.py" line="183" />
            <source>Backward pass: {sentence}.</source>
            <translation>역전파: {sentence}.</translation>
        </message>
    </context>
    <context>
        <name>colab</name>
        <message>
            <location filename="../../gui/colab_export.py" line="39" />
            <source>To see a GPU anyway: File → Export for Colab, run it there, and import the record.</source>
            <translation>그래도 GPU를 보려면: 파일 → Colab용으로 내보내기, 거기서 실행한 다음 기록을 가져오세요.</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="59" />
            <source>Export for Colab</source>
            <translation>Colab용으로 내보내기</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="62" />
            <source>&lt;b&gt;See this run on a GPU, from any laptop.&lt;/b&gt;&lt;br&gt;The notebook trains {sizes}, learning rate {lr:g}, {iterations:,} iterations, {dtype}, seed {seed}, from this app's random numbers (checked by a SHA-256; where Colab's NumPy draws otherwise, it uses the arrays it carries). It runs the tutorial's NumPy loop on the CPU, then its CuPy port and PyTorch's two listings on the GPU, timed in alternated rounds.&lt;ol&gt;&lt;li&gt;Save the notebook, and open it at colab.research.google.com (File → Upload notebook).&lt;/li&gt;&lt;li&gt;{hint}, then Runtime → Run all.&lt;/li&gt;&lt;li&gt;The last cell downloads {record}: import it here with File → Import. Its lanes join the run table, marked as from another machine.&lt;/li&gt;&lt;/ol&gt;No Jupyter there? Save as a script: the same code as one Python file.</source>
            <translation>&lt;b&gt;어느 노트북 컴퓨터에서든 이 학습을 GPU에서 보세요.&lt;/b&gt;&lt;br&gt;노트북은 {sizes}, 학습률 {lr:g}, 반복 {iterations:,}회, {dtype}, 시드 {seed} 설정으로 이 앱의 난수에서 학습합니다(SHA-256으로 확인; Colab의 NumPy가 다른 수를 뽑으면 노트북에 담긴 배열을 씁니다). CPU에서 튜토리얼의 NumPy 루프를, 그다음 GPU에서 그 CuPy 이식판과 PyTorch의 두 목록을 실행하고, 번갈아 라운드로 시간을 잽니다.&lt;ol&gt;&lt;li&gt;노트북을 저장하고 colab.research.google.com에서 여세요(파일 → 노트 업로드).&lt;/li&gt;&lt;li&gt;{hint}, 그다음 런타임 → 모두 실행.&lt;/li&gt;&lt;li&gt;마지막 셀이 {record} 파일을 내려받습니다: 여기서 파일 → 가져오기로 가져오세요. 그 레인들이 다른 컴퓨터의 것으로 표시되어 학습 표에 들어갑니다.&lt;/li&gt;&lt;/ol&gt;거기에 주피터가 없나요? 스크립트로 저장하세요: 같은 코드를 파이썬 파일 하나로.</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="83" />
            <source>Save notebook…</source>
            <translation>노트북 저장…</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="84" />
            <source>Save as script…</source>
            <translation>스크립트로 저장…</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="117" />
            <source>Not exported: {field}: {reason}</source>
            <translation>내보내지 않음: {field}: {reason}</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="133" />
            <source>Save the notebook</source>
            <translation>노트북 저장</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="134" />
            <source>Save the script</source>
            <translation>스크립트 저장</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="146" />
            <source>Writing {file}…</source>
            <translation>{file} 파일을 쓰는 중…</translation>
        </message>
        <message>
            <location filename="../../gui/colab_export.py" line="163" />
            <source>Not exported: {reason}</source>
            <translation>내보내지 않음: {reason}</translation>
        </message>
    </context>
    <context>
        <name>compute</name>
        <message>
            <location filename="../../gui/compute.py" line="42" />
            <source>it stopped answering</source>
            <translation>응답이 멈췄습니다</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="45" />
            <location filename="../../gui/compute.py" line="47" />
            <source>signal {name}</source>
            <translation>시그널 {name}</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="48" />
            <source>exit status {code}</source>
            <translation>종료 상태 {code}</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="146" />
            <source>it is not running</source>
            <translation>실행 중이 아닙니다</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="204" />
            <source>it died {count} times while starting, last with {how}; see the terminal for its error</source>
            <translation>시작하다가 {count}번 죽었습니다(마지막: {how}); 오류는 터미널을 보세요</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="277" />
            <source>{job} has not stopped after {grace:.0f} s (it is inside a long iteration, or stuck). Press Stop again to end the compute process; it ends by itself {rest:.0f} s later.</source>
            <translation>{job}이(가) {grace:.0f} s가 지나도 멈추지 않았습니다(긴 반복 중이거나 멈춤). 중지를 한 번 더 누르면 계산 프로세스를 끝냅니다; {rest:.0f} s 뒤에는 저절로 끝납니다.</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="310" />
            <source>{job} did not stop by itself; the compute process was ended after {waited:.1f} s and a fresh one started.</source>
            <translation>{job}이(가) 스스로 멈추지 않아 {waited:.1f} s 뒤 계산 프로세스를 끝내고 새로 시작했습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="318" />
            <source>, at about iteration {t:,} (the last one reported)</source>
            <translation>, 대략 반복 {t:,} 무렵(마지막으로 보고된 반복)</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="322" />
            <source>, before its first progress report</source>
            <translation>, 첫 진행 보고 전</translation>
        </message>
        <message>
            <location filename="../../gui/compute.py" line="323" />
            <source>The compute process died ({how}) during {job}{where}. A fresh compute process has started; the history is kept.</source>
            <translation>{job}{where} 중에 계산 프로세스가 죽었습니다({how}). 새 계산 프로세스가 시작되었고 기록은 그대로입니다.</translation>
        </message>
    </context>
    <context>
        <name>config</name>
        <message>
            <location filename="../../engine/core/config.py" line="66" />
            <source>both layers</source>
            <translation>두 층</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="67" />
            <source>the {layer} block</source>
            <translation>{layer} 블록</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="83" />
            <source>must be one of {choices}, got {value!r}</source>
            <translation>{choices} 중 하나여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="93" />
            <location filename="../../engine/core/config.py" line="127" />
            <source>must be a whole number, got {value!r}</source>
            <translation>정수여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="96" />
            <location filename="../../engine/core/config.py" line="138" />
            <location filename="../../engine/run/train.py" line="158" />
            <source>must be at least 1, got {value}</source>
            <translation>1 이상이어야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="100" />
            <source>must be a number, got {value!r}</source>
            <translation>숫자여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="103" />
            <source>must be finite, got {value}</source>
            <translation>유한한 값이어야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="106" />
            <source>must be positive, got {value}</source>
            <translation>양수여야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="113" />
            <source>tf32 runs only on a GPU: its products use TensorFloat-32 tensor cores, which a CPU does not have; use float32 on a CPU</source>
            <translation>tf32는 GPU에서만 실행됩니다: 행렬 곱이 CPU에는 없는 TensorFloat-32 텐서 코어를 씁니다; CPU에서는 float32를 쓰세요</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="123" />
            <source>must be true or false, got {value!r}</source>
            <translation>참 또는 거짓이어야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="130" />
            <source>must be zero or positive, got {value}</source>
            <translation>0 이상이어야 합니다. 입력값: {value}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="135" />
            <source>must be 'auto' or a whole number, got {value!r}</source>
            <translation>'auto' 또는 정수여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="141" />
            <source>must be at most {limit}, got {value}</source>
            <translation>{limit} 이하여야 합니다. 입력값: {value}</translation>
        </message>
    </context>
    <context>
        <name>controls</name>
        <message>
            <location filename="../../gui/controls.py" line="49" />
            <source>Custom</source>
            <translation>사용자 지정</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="55" />
            <source>Start from a preset: the tutorial, a diverging learning rate, or sizes where the GPU wins</source>
            <translation>프리셋에서 시작합니다: 튜토리얼, 발산하는 학습률, GPU가 이기는 크기</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="64" />
            <source>Run</source>
            <translation>실행</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="65" />
            <source>Train with these settings (Ctrl+R)</source>
            <translation>이 설정으로 학습합니다 (Ctrl+R)</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="66" />
            <source>Stop</source>
            <translation>중지</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="67" />
            <source>Stop the run (Esc)</source>
            <translation>학습을 중지합니다 (Esc)</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="68" />
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="69" />
            <source>Remove earlier runs from the plot and the history</source>
            <translation>이전 학습을 그래프와 기록에서 지웁니다</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="71" />
            <source>Export…</source>
            <translation>내보내기…</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="72" />
            <source>Save the plot (PNG), all runs' losses (CSV) and the run records (JSON) into a folder (Ctrl+S)</source>
            <translation>그래프(PNG), 모든 학습의 손실(CSV), 학습 기록(JSON)을 폴더에 저장합니다 (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="78" />
            <source>Repeat ×</source>
            <translation>반복 측정 ×</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="79" />
            <source>Train the same configuration k times (the curve is the first's) and give the median loop time with its spread: a time a lecturer can quote</source>
            <translation>같은 설정으로 k번 학습하고(곡선은 첫 번째 것) 루프 시간의 중앙값과 퍼짐을 보여 줍니다: 강의에서 인용할 수 있는 시간</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="83" />
            <source>log y</source>
            <translation>로그 y</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="85" />
            <source>Logarithmic loss axis: the tutorial's loss falls over ten orders of magnitude</source>
            <translation>로그 손실 축: 튜토리얼의 손실은 10자릿수 넘게 줄어듭니다</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="91" />
            <source>x: iteration</source>
            <translation>x: 반복</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="92" />
            <source>x: seconds</source>
            <translation>x: 초</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="93" />
            <source>The loss plot's x axis: the iteration t, or seconds into the training loop (as the race draws it)</source>
            <translation>손실 그래프의 x축: 반복 t, 또는 학습 루프 시작 후 초(경주 그래프처럼)</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="99" />
            <source>Smoothing of the drawn curves (TensorBoard's debiased exponential moving average, 0 to 0.99), over a faint raw curve; records and exports keep every loss as it was</source>
            <translation>그린 곡선의 평활화(TensorBoard의 편향 보정 지수 이동 평균, 0~0.99), 흐린 원래 곡선 위에 그립니다; 기록과 내보내기에는 모든 손실이 그대로 남습니다</translation>
        </message>
        <message>
            <location filename="../../gui/controls.py" line="110" />
            <source>Preset</source>
            <translation>프리셋</translation>
        </message>
    </context>
    <context>
        <name>devices</name>
        <message>
            <location filename="../../engine/machine/devices.py" line="73" />
            <source>yes</source>
            <translation>예</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="73" />
            <source>no</source>
            <translation>아니요</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="74" />
            <source>GPU present: {present}; used by this run: {used}</source>
            <translation>GPU 있음: {present}; 이 학습에서 사용: {used}</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="90" />
            <source>Trained with {sentence}</source>
            <translation>학습에 쓴 스레드: {sentence}</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="93" />
            <source>; from iteration {t} on, {count} ({why})</source>
            <translation>; 반복 {t}부터 {count} ({why})</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="116" />
            <source>no NVIDIA GPU found on this machine</source>
            <translation>이 컴퓨터에서 NVIDIA GPU를 찾지 못했습니다</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="117" />
            <source>CuPy is not installed (add the cuda12 or cuda13 extra)</source>
            <translation>CuPy가 설치되어 있지 않습니다(cuda12 또는 cuda13 추가 설치를 더하세요)</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="118" />
            <source>no CUDA device found</source>
            <translation>CUDA 장치를 찾지 못했습니다</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="119" />
            <source>the GPU returned a wrong result in a self-test</source>
            <translation>GPU가 자체 검사에서 틀린 결과를 냈습니다</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="148" />
            <source>{code} needs PyTorch, an optional extra: {extra}</source>
            <translation>{code} 코드에는 선택 설치 항목인 PyTorch가 필요합니다: {extra}</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="151" />
            <source>mlx needs MLX, an optional extra: {extra} (on Linux its CPU build; mlx-cuda for an NVIDIA GPU)</source>
            <translation>mlx 코드에는 선택 설치 항목인 MLX가 필요합니다: {extra} (리눅스에서는 CPU 빌드; NVIDIA GPU에는 mlx-cuda)</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="272" />
            <source>MLX on the CPU: this MLX build multiplies with reference BLAS ({blas}), not an optimised one: its time is what this build costs, not a fair measure of this CPU</source>
            <translation>CPU의 MLX: 이 MLX 빌드는 최적화되지 않은 참조 BLAS({blas})로 행렬을 곱합니다: 이 시간은 이 빌드의 비용이지, 이 CPU를 공정하게 잰 값이 아닙니다</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="277" />
            <source>GPU: {name} ({backend})</source>
            <translation>GPU: {name} ({backend})</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="284" />
            <source>{count:,} iterations per replay, cuBLAS through {binding}</source>
            <translation>재실행당 반복 {count:,}회, cuBLAS는 {binding}을(를) 통해</translation>
        </message>
        <message>
            <location filename="../../engine/machine/devices.py" line="289" />
            <source>GPU path: {path}</source>
            <translation>GPU 경로: {path}</translation>
        </message>
    </context>
    <context>
        <name>dialogs</name>
        <message>
            <location filename="../../gui/dialogs.py" line="17" />
            <source>{job}: {ending}</source>
            <translation>{job}: {ending}</translation>
        </message>
    </context>
    <context>
        <name>display</name>
        <message>
            <location filename="../../gui/display.py" line="25" />
            <source>no display: use the headless commands, or QT_QPA_PLATFORM=offscreen for screenshots</source>
            <translation>디스플레이가 없습니다: 창 없는 명령을 쓰거나, 스크린숏에는 QT_QPA_PLATFORM=offscreen을 쓰세요</translation>
        </message>
        <message>
            <location filename="../../gui/display.py" line="43" />
            <source>Qt's xcb platform needs lib{stem} (missing here): install it with 'sudo apt install {debian}' (Debian, Ubuntu) or 'sudo dnf install {fedora}' (Fedora)</source>
            <translation>Qt의 xcb 플랫폼에는 lib{stem}이(가) 필요합니다(여기에는 없음): 'sudo apt install {debian}' (Debian, Ubuntu) 또는 'sudo dnf install {fedora}' (Fedora)로 설치하세요</translation>
        </message>
    </context>
    <context>
        <name>explain</name>
        <message>
            <location filename="../../engine/words/explain.py" line="30" />
            <source> of {block}</source>
            <translation>({block})</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="36" />
            <source>; </source>
            <translation>; </translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="82" />
            <source>lr·λ_max{block} started at {ratio:.3g} &gt; 2, so the first steps overshoot along the sharpest direction</source>
            <translation>lr·λ_max{block}의 시작값이 {ratio:.3g} &gt; 2였으므로, 첫 스텝들은 가장 가파른 방향으로 지나쳐 갑니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="89" />
            <source>: the loss rose {factor:.3g}× in {count} iterations</source>
            <translation>: 손실이 반복 {count}회 동안 {factor:.3g}× 올랐습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="97" />
            <source>sharpness fell {factor:.2g}× to lr·λ_max = {ratio:.3g} by t = {t} and stayed below 2, so training settled</source>
            <translation>샤프니스가 t = {t}까지 {factor:.2g}× 줄어 lr·λ_max = {ratio:.3g}에 이르렀고 2 아래에 머물러 학습이 안정되었습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="102" />
            <source> (lr·λ_max {ratio:.3g} at t = {t})</source>
            <translation> (t = {t}에서 lr·λ_max {ratio:.3g})</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="106" />
            <source>lr·λ_max was still {ratio:.3g} at t = {t}</source>
            <translation>t = {t}에서도 lr·λ_max는 여전히 {ratio:.3g}였습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="110" />
            <source>sharpness never fell below 2 and grew</source>
            <translation>샤프니스는 한 번도 2 아래로 내려가지 않고 커졌습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="111" />
            <source>sharpness grew</source>
            <translation>샤프니스가 커졌습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="112" />
            <source>{lead}: lr·λ_max {steps} by t = {t}</source>
            <translation>{lead}: t = {t}까지 lr·λ_max {steps}</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="115" />
            <source>lr·λ_max{block} started at {ratio:.3g}, below 2: every step is stable along the sharpest direction</source>
            <translation>lr·λ_max{block}의 시작값은 2보다 작은 {ratio:.3g}: 가장 가파른 방향으로도 모든 스텝이 안정적입니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="120" />
            <source>with w1 frozen the loss is a quadratic in w2 and its curvature never changed, so lr &lt; 2/λ_max is the exact limit</source>
            <translation>w1을 고정하면 손실은 w2의 2차식이고 곡률이 변하지 않으므로 lr &lt; 2/λ_max가 정확한 한계입니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="124" />
            <source>the loss became non-finite at iteration {t}</source>
            <translation>반복 {t}에서 손실이 유한하지 않게 되었습니다(발산)</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="130" />
            <source>{dead} of {hidden} hidden units died (h ≤ 0 for every sample, so no gradient reaches their weights)</source>
            <translation>은닉 유닛 {hidden}개 중 {dead}개가 죽었습니다(모든 샘플에서 h ≤ 0이라 그 웨이트에 기울기가 닿지 않음)</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="134" />
            <source>, {first} of them from the start</source>
            <translation>, 그중 {first}개는 처음부터</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="138" />
            <source>{dead} of {hidden} hidden units were dead from the start</source>
            <translation>은닉 유닛 {hidden}개 중 {dead}개는 처음부터 죽어 있었습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="144" />
            <source>the loss stalls near {loss:.3g}</source>
            <translation>손실이 {loss:.3g} 근처에서 멈춥니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="147" />
            <source>the loss kept falling, to {loss:.3g}</source>
            <translation>손실이 계속 줄어 {loss:.3g}까지 내려갔습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="156" />
            <source>Stopped after {count} rates: what follows covers only those.</source>
            <translation>학습률 {count}개 후 중지: 아래 내용은 그것들만 다룹니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="160" />
            <source>The bound 2/λ_max = {bound:.3g}, with λ_max = {lambda_max:.3g} the largest eigenvalue of the Hessian of {block} at the initial weights.</source>
            <translation>한계 2/λ_max = {bound:.3g}; λ_max = {lambda_max:.3g}: 초기 웨이트에서 {block}의 헤시안이 갖는 가장 큰 고윳값입니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="167" />
            <source>The lowest final loss, {loss:.3g}, came at {lr:.3g}</source>
            <translation>가장 낮은 최종 손실은 학습률 {lr:.3g}에서 나온 {loss:.3g}입니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="171" />
            <source>; the largest rate that learned (its loss fell below {share} of the initial) is {lr:.3g}</source>
            <translation>; 학습에 성공한 가장 큰 학습률(손실이 초기의 {share} 아래로 떨어짐): {lr:.3g}</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="60" />
            <location filename="../../engine/words/explain.py" line="175" />
            <location filename="../../engine/words/explain.py" line="205" />
            <location filename="../../engine/words/explain.py" line="235" />
            <source>.</source>
            <translation>.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="52" />
            <source>run it with diagnostics (tick Diagnostics, or --diagnostics)</source>
            <translation>진단을 켜고(진단 체크, 또는 --diagnostics) 다시 실행하면</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="54" />
            <source>The loss plateaued: {ask} to see why it stopped learning (dead hidden units, and lr·λ_max against 2).</source>
            <translation>손실이 정체했습니다: {ask} 학습이 왜 멈췄는지 볼 수 있습니다(죽은 은닉 유닛, 그리고 2와 비교한 lr·λ_max).</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="57" />
            <source>The loss was still falling at the end: more iterations would take it further</source>
            <translation>끝날 때 손실이 아직 내려가는 중이었습니다: 반복을 늘리면 더 내려갑니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="61" />
            <source>; {ask} to see how far lr·λ_max is from 2.</source>
            <translation>; {ask} lr·λ_max가 2에서 얼마나 떨어져 있는지 볼 수 있습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="179" />
            <source>With w1 frozen the loss is a quadratic in w2, where theory makes the bound exact; measured: the largest rate whose loss fell, {lr:.4g}, is {ratio:.3f}× it.</source>
            <translation>w1을 고정하면 손실은 w2의 2차식이어서 이론상 한계가 정확합니다; 측정값: 손실이 줄어든 가장 큰 학습률({lr:.4g})은 한계의 {ratio:.3f}×입니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="185" />
            <source>The largest rate whose loss fell at all is {lr:.3g}, {ratio:.3g}× the bound: the bound holds for the initial weights, and training moves away from them.</source>
            <translation>손실이 조금이라도 줄어든 가장 큰 학습률은 {lr:.3g}이며 한계의 {ratio:.3g}×입니다: 한계는 초기 웨이트에서 성립하고, 학습은 웨이트를 거기서 멀리 옮깁니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="194" />
            <source>{count} rate(s) above the bound still lowered the loss, {learned} of them to near zero</source>
            <translation>한계보다 큰 학습률 {count}개도 손실을 줄였고, 그중 {learned}개는 손실을 거의 없앴습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="198" />
            <source>; from {low:.3g} to {high:.3g} the runs plateaued at {least:.3g}–{most:.3g}: the catapult (a run with diagnostics shows what happens at such a rate)</source>
            <translation>; {low:.3g}부터 {high:.3g}까지는 {least:.3g}–{most:.3g}에서 정체했습니다: 카타펄트 현상(진단을 켠 학습이 그런 학습률에서 일어나는 일을 보여 줍니다)</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="207" />
            <source>No rate in the range lowered the loss.</source>
            <translation>범위 안의 어떤 학습률도 손실을 줄이지 못했습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="212" />
            <source>{count} rate(s) kept a finite loss that ended no lower than it began (unstable).</source>
            <translation>학습률 {count}개는 손실이 유한했지만 처음보다 낮아지지 않았습니다(불안정).</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="216" />
            <source>From {lr:.3g} on, the loss became non-finite.</source>
            <translation>{lr:.3g}부터는 손실이 유한하지 않게 되었습니다(발산).</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="221" />
            <source>No rate up to {lr:.3g} diverged: the threshold lies above the range.</source>
            <translation>{lr:.3g}까지 어떤 학습률도 발산하지 않았습니다: 문턱값은 범위 위에 있습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="225" />
            <source>{size} ×2 gives λ_max ×{factor:.2f}</source>
            <translation>{size} ×2이면 λ_max ×{factor:.2f}</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="228" />
            <source>Measured at doubled sizes: {parts}</source>
            <translation>크기를 두 배로 해서 측정: {parts}</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="230" />
            <source>; the bound falls as {sizes} grows</source>
            <translation>; {sizes}이(가) 커지면 한계가 낮아집니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="231" />
            <source>; the bound falls as {sizes} grow</source>
            <translation>; {sizes}이(가) 커지면 한계가 낮아집니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="232" />
            <source> (the loss sums N·D_out squared errors, each hidden unit sums D_in inputs, and the output sums H hidden units)</source>
            <translation> (손실은 N·D_out개의 제곱 오차를 더하고, 은닉 유닛 하나는 입력 D_in개를, 출력은 은닉 유닛 H개를 더합니다)</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="250" />
            <source>At {scale:g}× N, D_in and H, on the CPU</source>
            <translation>N, D_in, H가 {scale:g}×일 때 CPU에서</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="251" />
            <source>On the CPU</source>
            <translation>CPU에서</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="252" />
            <source>{lead} `{code}` took {share:.0f} % of the iteration, and the {count} matrix products together {products:.0f} %.</source>
            <translation>{lead} `{code}`가 반복 시간의 {share:.0f} %를 차지했고, 행렬 곱 {count}개는 합쳐서 {products:.0f} %였습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="258" />
            <source>The engine's iteration takes {time}.</source>
            <translation>엔진의 반복 한 번은 {time} 걸립니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="265" />
            <source>At {scale:g}× N, D_in and H, on the GPU</source>
            <translation>N, D_in, H가 {scale:g}×일 때 GPU에서</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="266" />
            <source>On the GPU</source>
            <translation>GPU에서</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="268" />
            <source>{lead} every line took {low}–{high} whatever its FLOPs: the launch floor is {floor}, so launching a line costs more than computing it.</source>
            <translation>{lead} 연산량(FLOPs)과 상관없이 모든 줄이 {low}–{high} 걸렸습니다: 실행 하한이 {floor}이므로 한 줄을 띄우는 비용이 계산보다 큽니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="275" />
            <source>{lead} `{code}` took {time}, {factor:.0f}× the launch floor of {floor}: the arithmetic, not the launch, sets its cost.</source>
            <translation>{lead} `{code}`는 {time} 걸려 실행 하한 {floor}의 {factor:.0f}×입니다: 비용을 정하는 것은 실행이 아니라 연산입니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="282" />
            <source>No GPU column: {reason}.</source>
            <translation>GPU 열 없음: {reason}.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="292" />
            <source>The lines, timed one by one inside the loop, add up to {total}; the iteration measured as one piece took {whole}, and the sum lies within the spread of the iteration's own repeats ({low}–{high}).</source>
            <translation>루프 안에서 한 줄씩 잰 시간을 합하면 {total}; 반복 전체를 한 번에 재면 {whole}이고, 합은 반복 측정의 퍼짐({low}–{high}) 안에 있습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="300" />
            <source>The lines, timed one by one inside the loop, add up to {total}; the iteration measured as one piece took {whole}, {difference} more: Python and the interpreter between the lines.</source>
            <translation>루프 안에서 한 줄씩 잰 시간을 합하면 {total}; 반복 전체를 한 번에 재면 {whole}이며 {difference} 더 깁니다: 줄 사이의 Python 인터프리터 시간입니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="306" />
            <source>The lines, timed one by one inside the loop, add up to {total}; the iteration measured as one piece took {whole}, {difference} less than the lines' sum (the lines were timed in other iterations than the whole).</source>
            <translation>루프 안에서 한 줄씩 잰 시간을 합하면 {total}; 반복 전체를 한 번에 재면 {whole}이며 줄의 합보다 {difference} 짧습니다(줄들은 전체와 다른 반복에서 재었습니다).</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="319" />
            <source>With w1 frozen the loss is quadratic: lr must stay below {limit:.3g}; {lr:g} will grow.</source>
            <translation>w1을 고정하면 손실은 2차식입니다: lr은 {limit:.3g}보다 작아야 합니다; {lr:g}에서는 손실이 커집니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="322" />
            <source>With w1 frozen the loss is quadratic: lr must stay below {limit:.3g}.</source>
            <translation>w1을 고정하면 손실은 2차식입니다: lr은 {limit:.3g}보다 작아야 합니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="341" />
            <source>at {lr:.3g} the sharpness fell below 2 by t = {t} (lr·λ_max {first:.3g} → {then:.3g})</source>
            <translation>{lr:.3g}에서는 t = {t}까지 샤프니스가 2 아래로 내려갔습니다 (lr·λ_max {first:.3g} → {then:.3g})</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="345" />
            <source>at {lr:.3g} lr·λ_max started at {first:.3g}, below 2</source>
            <translation>{lr:.3g}에서는 lr·λ_max가 2보다 작은 {first:.3g}에서 시작했습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="348" />
            <source>at {lr:.3g} lr·λ_max was still {last:.3g} at t = {t}</source>
            <translation>{lr:.3g}에서는 t = {t}에도 lr·λ_max가 여전히 {last:.3g}였습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="352" />
            <source>What decided their fate: {fate}; at {lr:.3g} lr·λ_max stayed at {ratio:.3g}, above 2, until the loss became non-finite at t = {t}.</source>
            <translation>운명을 가른 것: {fate}; {lr:.3g}에서는 lr·λ_max가 2보다 큰 {ratio:.3g}에 머물다가 t = {t}에서 손실이 유한하지 않게 되었습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="356" />
            <source>it never fell below 2 and grew</source>
            <translation>2 아래로 내려가지 않고 커졌습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="357" />
            <source>it grew</source>
            <translation>커졌습니다</translation>
        </message>
        <message>
            <location filename="../../engine/words/explain.py" line="358" />
            <source>What decided their fate: {fate}; at {lr:.3g} {how}, lr·λ_max {steps} by t = {t}, until the loss became non-finite.</source>
            <translation>운명을 가른 것: {fate}; {lr:.3g}에서는 {how}: t = {t}까지 lr·λ_max {steps}, 그리고 손실이 유한하지 않게 되었습니다.</translation>
        </message>
    </context>
    <context>
        <name>gpu</name>
        <message>
            <location filename="../../engine/backends/gpu.py" line="96" />
            <source>one iteration takes {ms:.1f} ms, so a CUDA graph saves nothing on launches</source>
            <translation>반복 한 번에 {ms:.1f} ms가 걸리므로 CUDA 그래프로 아낄 실행 비용이 없습니다</translation>
        </message>
        <message>
            <location filename="../../engine/backends/gpu.py" line="101" />
            <source>CUDA graph unavailable: {reason}</source>
            <translation>CUDA 그래프를 쓸 수 없음: {reason}</translation>
        </message>
    </context>
    <context>
        <name>gpus</name>
        <message>
            <location filename="../../engine/run/gpus.py" line="13" />
            <source>no GPU library found: on Apple silicon, install the mlx extra (MLX on Metal) or the torch extra (PyTorch's MPS)</source>
            <translation>GPU 라이브러리가 없습니다: 애플 실리콘에서는 mlx 추가 설치(Metal 위의 MLX)나 torch 추가 설치(PyTorch의 MPS)를 더하세요</translation>
        </message>
        <message>
            <location filename="../../engine/run/gpus.py" line="62" />
            <source>; MLX can use this machine's GPU: choose the mlx code (--code mlx) with float32</source>
            <translation>; 이 컴퓨터의 GPU는 MLX가 쓸 수 있습니다: float32와 함께 mlx 코드(--code mlx)를 고르세요</translation>
        </message>
    </context>
    <context>
        <name>hover</name>
        <message>
            <location filename="../../gui/hover.py" line="74" />
            <source>{x_name} {x:.4g}, {y_name} {y:.4g}</source>
            <translation>{x_name} {x:.4g}, {y_name} {y:.4g}</translation>
        </message>
    </context>
    <context>
        <name>jobs</name>
        <message>
            <location filename="../../engine/service/jobs.py" line="74" />
            <source>Refused: {message}.</source>
            <translation>거부됨: {message}.</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="75" />
            <source>Error: {message}</source>
            <translation>오류: {message}</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="76" />
            <source>Crashed: {message}</source>
            <translation>비정상 종료: {message}</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="77" />
            <source>Stopped (forced): {message}</source>
            <translation>중지됨(강제): {message}</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="133" />
            <source>the run (N={n} D_in={d_in} H={hidden} D_out={d_out}, lr {lr:g}, {device} {dtype}, seed {seed})</source>
            <translation>학습 (N={n} D_in={d_in} H={hidden} D_out={d_out}, lr {lr:g}, {device} {dtype}, 시드 {seed})</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="156" />
            <source>the race ({first} vs {second})</source>
            <translation>경주 ({first} 대 {second})</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="171" />
            <source>the size sweep ({steps} sizes)</source>
            <translation>크기 스윕 (크기 {steps}개)</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="185" />
            <source>the learning-rate sweep ({low:g} to {high:g})</source>
            <translation>학습률 스윕 ({low:g}~{high:g})</translation>
        </message>
        <message>
            <location filename="../../engine/service/jobs.py" line="200" />
            <source>the profile (the run's sizes and {scale:g}× them)</source>
            <translation>프로파일 (학습 크기와 그 {scale:g}×)</translation>
        </message>
    </context>
    <context>
        <name>labels</name>
        <message>
            <location filename="../../session/labels.py" line="15" />
            <source>{} threads</source>
            <translation>스레드 {}개</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="16" />
            <source>seed {}</source>
            <translation>시드 {}</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="17" />
            <source>train {}</source>
            <translation>학습 {}</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="21" />
            <source>auto threads</source>
            <translation>스레드 auto</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="22" />
            <source>1 thread</source>
            <translation>스레드 1개</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="24" />
            <source>driver</source>
            <translation>드라이버</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="26" />
            <source>cores</source>
            <translation>코어</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="28" />
            <source>host</source>
            <translation>호스트</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="40" />
            <source>this machine</source>
            <translation>이 컴퓨터</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="41" />
            <source>another machine</source>
            <translation>다른 컴퓨터</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="43" />
            <source>, different draw</source>
            <translation>, 다른 난수</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="61" />
            <source>Trained on another machine ({machine}), measured there: its times are that machine's.</source>
            <translation>다른 컴퓨터({machine})에서 학습하고 거기서 측정했습니다: 시간은 그 컴퓨터의 것입니다.</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="67" />
            <source>Its arrays are not this machine's draw for its settings: its curve is another problem's.</source>
            <translation>배열이 이 설정에 대한 이 컴퓨터의 난수와 다릅니다: 곡선은 다른 문제의 것입니다.</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="70" />
            <source>Its draw was not compared with this machine's: too large to draw again here.</source>
            <translation>난수를 이 컴퓨터의 것과 비교하지 않았습니다: 여기서 다시 뽑기에는 너무 큽니다.</translation>
        </message>
        <message>
            <location filename="../../session/labels.py" line="81" />
            <source>diverged at t={t}</source>
            <translation>t={t}에서 발산</translation>
        </message>
    </context>
    <context>
        <name>language</name>
        <message>
            <location filename="../../gui/language.py" line="276" />
            <source>&amp;Language</source>
            <translation>언어(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../engine/core/language.py" line="101" />
            <source>{prog}: error: {message}</source>
            <translation>{prog}: 오류: {message}</translation>
        </message>
    </context>
    <context>
        <name>load</name>
        <message>
            <location filename="../../engine/core/measure.py" line="319" />
            <source>the training loop</source>
            <translation>학습 루프</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="320" />
            <source>the thread calibration</source>
            <translation>스레드 보정 측정</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="321" />
            <source>the pairs</source>
            <translation>쌍 측정</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="322" />
            <source>the race</source>
            <translation>경주</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="323" />
            <source>its runs</source>
            <translation>이 레인의 학습</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="324" />
            <source>the run until then</source>
            <translation>그때까지의 학습</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="325" />
            <source>the busiest timed point</source>
            <translation>가장 바빴던 측정 지점</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="326" />
            <source>the profile</source>
            <translation>프로파일</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="337" />
            <source>other programs used {other:.1f} of {cores} cores during {interval}</source>
            <translation>{interval} 동안 다른 프로그램이 코어 {cores}개 중 {other:.1f}개를 사용함</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="349" />
            <source>CPU busy: {figure}, so these times are not the quiet machine's</source>
            <translation>CPU 사용 중: {figure} — 따라서 이 시간은 조용한 머신의 시간이 아닙니다</translation>
        </message>
    </context>
    <context>
        <name>lr_sweep</name>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="71" />
            <source>Written from this sweep's own measurements</source>
            <translation>이 스윕의 측정값으로 쓴 설명입니다</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="108" />
            <source>Training at {count} learning rates, {iterations} iterations each, then bisecting…</source>
            <translation>학습률 {count}개에서 각각 반복 {iterations}회 학습한 뒤 이분법으로 좁힙니다…</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="138" />
            <source>learned (near zero)</source>
            <translation>학습 성공 (0 근처)</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="141" />
            <source>unstable (final ≥ initial; drawn ≤ {ceiling:g}× initial)</source>
            <translation>불안정 (최종 ≥ 초기; 초기의 {ceiling:g}× 이하로 그림)</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="191" />
            <source>lowest final loss: lr {lr:.3g}</source>
            <translation>가장 낮은 최종 손실: lr {lr:.3g}</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="203" />
            <source>loss fell up to {:.3g}</source>
            <translation>{:.3g}까지 손실 감소</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="222" />
            <source>Lowest final loss &lt;b&gt;{loss:.3g}&lt;/b&gt; at &lt;b&gt;{lr:.3g}&lt;/b&gt;</source>
            <translation>가장 낮은 최종 손실 &lt;b&gt;{loss:.3g}&lt;/b&gt;, 학습률 &lt;b&gt;{lr:.3g}&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="225" />
            <source>; largest rate that learned &lt;b&gt;{lr:.3g}&lt;/b&gt;.</source>
            <translation>; 학습에 성공한 가장 큰 학습률 &lt;b&gt;{lr:.3g}&lt;/b&gt;.</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="227" />
            <source>; no rate learned (fell to near zero).</source>
            <translation>; 학습에 성공한(손실을 거의 없앤) 학습률이 없습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="230" />
            <source>the exact limit of a quadratic, whose curvature never changes</source>
            <translation>곡률이 변하지 않는 2차식의 정확한 한계</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="233" />
            <source>a bound for the initial weights, which training moves away from</source>
            <translation>초기 웨이트에 대한 한계이며, 학습은 웨이트를 거기서 멀리 옮깁니다</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="235" />
            <source>The loss fell at all rates up to {lr:.3g}, {ratio:.3g}× 2/λ_max = {bound:.3g} (λ_max = {lambda_max:.3g}): {meaning}.</source>
            <translation>{lr:.3g}까지 모든 학습률에서 손실이 줄었습니다. 이는 2/λ_max = {bound:.3g}의 {ratio:.3g}× (λ_max = {lambda_max:.3g}): {meaning}.</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="241" />
            <source>No rate lowered the loss; 2/λ_max = {bound:.3g}.</source>
            <translation>손실을 줄인 학습률이 없습니다; 2/λ_max = {bound:.3g}.</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="247" />
            <source>Stopped after {count} rates.</source>
            <translation>학습률 {count}개 후 중지했습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="250" />
            <source>Sweep finished.</source>
            <translation>스윕을 마쳤습니다.</translation>
        </message>
    </context>
    <context>
        <name>measure</name>
        <message>
            <location filename="../../engine/core/measure.py" line="152" />
            <source>{median:.3g}× ({low:.3g}–{high:.3g}, {agree} of {pairs} pairs)</source>
            <translation>{median:.3g}× ({low:.3g}–{high:.3g}, {pairs}쌍 중 {agree}쌍)</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="162" />
            <source>not compared: {reason}</source>
            <translation>비교하지 않음: {reason}</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="164" />
            <source>no clear winner: {reason}</source>
            <translation>뚜렷한 승자 없음: {reason}</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="165" />
            <source>{winner} is faster: {factor}</source>
            <translation>{winner}이(가) 더 빠릅니다: {factor}</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="200" />
            <source>one repeat of {lane} took {slowest:.3g} s, {ratio:.1f}× its median {median:.3g} s</source>
            <translation>{lane}의 반복 측정 하나가 {slowest:.3g} s 걸렸습니다: 중앙값 {median:.3g} s의 {ratio:.1f}×</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="210" />
            <source>nothing was measured</source>
            <translation>측정한 것이 없습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="219" />
            <source>the times agree within {percent:.0f} % over {pairs} pairs</source>
            <translation>{pairs}쌍에서 시간이 {percent:.0f} % 안으로 일치합니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="223" />
            <source>{pairs} pair settles nothing (at least {least})</source>
            <translation>{pairs}쌍으로는 판정할 수 없습니다(최소 {least}쌍)</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="224" />
            <source>{pairs} pairs settle nothing (at least {least})</source>
            <translation>{pairs}쌍으로는 판정할 수 없습니다(최소 {least}쌍)</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="228" />
            <source>the interval of the median ratio {first}/{second}, {low:.3g}–{high:.3g} over {pairs} pairs, includes no difference</source>
            <translation>{pairs}쌍의 중앙값 비 {first}/{second}의 구간 {low:.3g}–{high:.3g}에 차이 없음(1)이 들어 있습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/measure.py" line="248" />
            <source>within noise</source>
            <translation>잡음 범위 안</translation>
        </message>
    </context>
    <context>
        <name>memory</name>
        <message>
            <location filename="../../engine/run/memory.py" line="20" />
            <source>most of it is the losses of {iterations:,} iterations ({size}, 8 bytes each); reduce the iterations</source>
            <translation>대부분은 반복 {iterations:,}회의 손실({size}, 하나에 8바이트)입니다; 학습 횟수를 줄이세요</translation>
        </message>
        <message>
            <location filename="../../engine/run/memory.py" line="24" />
            <source>reduce N, D_in, H or D_out</source>
            <translation>N, D_in, H 또는 D_out을 줄이세요</translation>
        </message>
        <message>
            <location filename="../../engine/run/memory.py" line="25" />
            <source>this run needs {needed} of {where} memory, but only {available} is available now; {cause}</source>
            <translation>이 학습에는 {where} 메모리가 {needed} 필요하지만 지금은 {available}만 쓸 수 있습니다; {cause}</translation>
        </message>
    </context>
    <context>
        <name>notebook</name>
        <message>
            <location filename="../../engine/tools/notebook.py" line="37" />
            <source>Runtime → Change runtime type → GPU</source>
            <translation>런타임 → 런타임 유형 변경 → GPU</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="48" />
            <source>Wrote {file}. On Colab: File → Upload notebook, {hint}, Run all; then import the {record} it downloads (File → Import, or main.py --import {record}).</source>
            <translation>{file} 파일을 썼습니다. Colab에서: 파일 → 노트 업로드, {hint}, 모두 실행; 그다음 내려받은 {record} 파일을 가져오세요(파일 → 가져오기, 또는 main.py --import {record}).</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="52" />
            <source>Wrote {file}. Run it with python3 where a GPU is (CuPy, or PyTorch with CUDA); then import the {record} it writes beside it (File → Import, or main.py --import {record}).</source>
            <translation>{file} 파일을 썼습니다. GPU가 있는 곳(CuPy, 또는 CUDA를 쓰는 PyTorch)에서 python3 명령으로 실행하고, 그 옆에 쓰인 {record} 파일을 가져오세요(파일 → 가져오기, 또는 main.py --import {record}).</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="72" />
            <source># Backprop Lab: a run to reproduce on another machine

This notebook trains the two-layer network of the PyTorch tutorial *Learning PyTorch with Examples* ("Warm-up: numpy") with the settings exported from Backprop Lab, from the same random numbers. It runs the tutorial's NumPy loop on the CPU, then, where a GPU is attached, its CuPy port and PyTorch's Tensors and Autograd listings on the GPU. Every lane is warmed up, then timed in alternated rounds: medians and spreads, as the app's race measures.

**On Colab:** {hint}, then Runtime → Run all. The last cell downloads `{record}`: import it in Backprop Lab (File → Import) to see these lanes beside the runs of your own machine.</source>
            <translation># Backprop Lab: 다른 컴퓨터에서 재현할 학습

이 노트북은 PyTorch 튜토리얼 *Learning PyTorch with Examples*("Warm-up: numpy")의 2층 신경망을 Backprop Lab에서 내보낸 설정으로, 같은 난수에서 학습합니다. CPU에서 튜토리얼의 NumPy 루프를 실행하고, GPU가 연결되어 있으면 GPU에서 그 CuPy 이식판과 PyTorch의 Tensors, Autograd 목록을 실행합니다. 레인마다 예열한 다음, 앱의 경주처럼 번갈아 라운드로 시간을 잽니다: 중앙값과 범위.

**Colab에서:** {hint}, 그다음 런타임 → 모두 실행. 마지막 셀이 `{record}` 파일을 내려받습니다: Backprop Lab에서 가져오면(파일 → 가져오기) 이 레인들을 내 컴퓨터의 학습 옆에서 볼 수 있습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="83" />
            <source>## The settings

As exported. The draw's check below holds for these settings only.</source>
            <translation>## 설정

내보낸 그대로입니다. 아래의 난수 확인은 이 설정에서만 맞습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="86" />
            <source>## The same draw

x, y, w1 and w2 are drawn from `numpy.random.default_rng(seed)` in that order, as the app draws them, and checked against the SHA-256 of the app's arrays. NumPy promises the same numbers only on the same build: where they differ, the arrays embedded in this notebook are used instead. The cell says which.</source>
            <translation>## 같은 난수

x, y, w1, w2를 앱과 같이 `numpy.random.default_rng(seed)`에서 이 순서로 뽑고, 앱 배열의 SHA-256과 대조합니다. NumPy는 같은 빌드에서만 같은 수를 약속합니다: 다르면 이 노트북에 담긴 배열을 대신 씁니다. 어느 쪽인지 셀이 알려 줍니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="91" />
            <source>The draw: this NumPy draws other numbers from the seed, and the app's arrays were too large to carry in this notebook: the lanes train on this NumPy's draw, and the record says so (a different draw).</source>
            <translation>난수: 이 NumPy는 시드에서 다른 수를 뽑는데, 앱의 배열은 너무 커서 이 노트북에 담지 못했습니다: 레인들은 이 NumPy의 난수로 학습하고, 기록에 그렇게 적습니다(다른 난수).</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="95" />
            <source>The draw: recreated from the seed; its SHA-256 equals the app's.</source>
            <translation>난수: 시드에서 다시 만들었고, SHA-256이 앱의 것과 같습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="97" />
            <source>The draw: this NumPy draws other numbers from the seed, so the arrays embedded in this notebook are used (the same as the app's).</source>
            <translation>난수: 이 NumPy는 시드에서 다른 수를 뽑으므로, 이 노트북에 담긴 배열을 씁니다(앱의 것과 같습니다).</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="100" />
            <source>## The tutorial's code

The NumPy loop as the tutorial writes it: with `xp = numpy` on the CPU, and with `xp = cupy` it is the tutorial's port to the GPU, the plain code a student would write. Then PyTorch's two listings: gradients by hand on tensors, and `loss.backward()`. A loss that is not finite ends a lane, as the app counts divergence.</source>
            <translation>## 튜토리얼의 코드

튜토리얼이 쓴 그대로의 NumPy 루프입니다: CPU에서는 `xp = numpy`, `xp = cupy`이면 학생이 쓸 법한 평범한 코드인 튜토리얼의 GPU 이식판입니다. 그다음 PyTorch의 두 목록: 텐서 위에서 손수 쓴 기울기, 그리고 `loss.backward()`. 앱이 발산을 세는 것처럼, 유한하지 않은 손실이 나오면 그 레인은 끝납니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="106" />
            <source>## The lanes this runtime can run</source>
            <translation>## 이 런타임이 실행할 수 있는 레인</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="107" />
            <source>No GPU is attached, so only the CPU lane runs. For the GPU lanes: {hint}, then run all cells again.</source>
            <translation>GPU가 연결되어 있지 않아 CPU 레인만 실행합니다. GPU 레인을 보려면: {hint}, 그다음 모든 셀을 다시 실행하세요.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="110" />
            <source>## Measured in alternated rounds

One short warm-up per lane, then {rounds} rounds of every lane in turn: the median loop time and its spread (lowest–highest), and each lane against the CPU lane, round by round.</source>
            <translation>## 번갈아 라운드로 측정

레인마다 짧은 예열 한 번, 그다음 모든 레인을 차례로 {rounds}라운드: 루프 시간의 중앙값과 범위(가장 짧은 것–가장 긴 것), 그리고 라운드마다 각 레인을 CPU 레인과 비교합니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="115" />
            <source>## The record to bring home

`{record}` holds every lane's losses and times and this machine's facts (GPU, driver, CUDA, CPU, library versions). On Colab the cell downloads it; elsewhere it is written beside the notebook. Import it in Backprop Lab with File → Import, or `main.py --import {record}`.</source>
            <translation>## 가져갈 기록

`{record}` 파일에는 모든 레인의 손실과 시간, 그리고 이 컴퓨터의 사실(GPU, 드라이버, CUDA, CPU, 라이브러리 버전)이 담깁니다. Colab에서는 셀이 내려받고, 다른 곳에서는 노트북 옆에 씁니다. Backprop Lab에서 파일 → 가져오기로, 또는 `main.py --import {record}`로 가져오세요.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="121" />
            <source>Written: {path}</source>
            <translation>썼습니다: {path}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="122" />
            <source>largest difference from the CPU lane's losses, max |ΔL_t| / max(L_0, |L_t|): {difference:.2e}</source>
            <translation>CPU 레인의 손실과의 가장 큰 차이, max |ΔL_t| / max(L_0, |L_t|): {difference:.2e}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="125" />
            <source>{lane}: {ratio:.3g}× the CPU lane's speed (median of {rounds} rounds)</source>
            <translation>{lane}: CPU 레인 속도의 {ratio:.3g}배 ({rounds}라운드의 중앙값)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="127" />
            <source>CPU (NumPy, the tutorial's loop)</source>
            <translation>CPU (NumPy, 튜토리얼의 루프)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="128" />
            <source>GPU (CuPy, the tutorial's port)</source>
            <translation>GPU (CuPy, 튜토리얼의 이식판)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="129" />
            <source>GPU (PyTorch: Tensors)</source>
            <translation>GPU (PyTorch: Tensors)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="130" />
            <source>GPU (PyTorch: Autograd)</source>
            <translation>GPU (PyTorch: Autograd)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="483" />
            <source>{path} is a folder</source>
            <translation>{path}: 폴더입니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="485" />
            <source>the folder {folder} does not exist</source>
            <translation>폴더가 없습니다: {folder}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/notebook.py" line="488" />
            <source>{path} cannot be written here (permission denied)</source>
            <translation>{path}: 여기에 쓸 수 없습니다(권한 거부)</translation>
        </message>
    </context>
    <context>
        <name>outcome</name>
        <message>
            <location filename="../../engine/core/result.py" line="35" />
            <source>learned</source>
            <translation>학습 성공</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="35" />
            <source>still falling</source>
            <translation>아직 감소 중</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="36" />
            <source>plateaued</source>
            <translation>정체</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="36" />
            <source>unstable</source>
            <translation>불안정</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="37" />
            <source>diverged</source>
            <translation>발산</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="51" />
            <source>a millionth</source>
            <translation>100만분의 1</translation>
        </message>
    </context>
    <context>
        <name>params</name>
        <message>
            <location filename="../../gui/params.py" line="40" />
            <source>train w1</source>
            <translation>w1 학습</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="41" />
            <source>Backpropagate into w1 (D_in×H). Unchecked, w1 is frozen: its gradient is neither computed nor applied, as with PyTorch's requires_grad=False.</source>
            <translation>w1 (D_in×H)까지 역전파(Backpropagation)합니다. 체크를 끄면 w1은 고정됩니다: PyTorch의 requires_grad=False처럼 기울기를 계산하지도 적용하지도 않습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="44" />
            <source>train w2</source>
            <translation>w2 학습</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="45" />
            <source>Backpropagate into w2 (H×D_out). With w1 frozen the loss is a quadratic in w2, and 2/λ_max is an exact bound on the learning rate.</source>
            <translation>w2 (H×D_out)까지 역전파(Backpropagation)합니다. w1을 고정하면 손실은 w2의 2차식이고, 2/λ_max가 학습률(learning rate)의 정확한 한계입니다.</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="50" />
            <source>Accepts 1e-6 notation; ÷10 and ×10 move by decades.</source>
            <translation>1e-6 표기를 받습니다; ÷10과 ×10은 10배씩 바꿉니다.</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="52" />
            <source>Sharpness λ_max is the Hessian's largest eigenvalue, by Lanczos: every iteration while lr·λ_max &gt; 1 and sparsely after; shown under the loss plot and explained beside it.</source>
            <translation>샤프니스 λ_max는 헤시안의 가장 큰 고윳값(란초스 방법)입니다: lr·λ_max &gt; 1인 동안 매 반복, 그 뒤로는 드문드문 잽니다; 손실 그래프 아래에 보이고 옆에서 설명합니다.</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="58" />
            <source>The tutorial's NumPy loop (CuPy on a GPU): gradients written by hand</source>
            <translation>튜토리얼의 NumPy 루프(GPU에서는 CuPy): 손수 쓴 기울기</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="60" />
            <source>The same hand-written gradients on torch tensors</source>
            <translation>torch 텐서 위에서 같은 손수 쓴 기울기</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="62" />
            <source>loss.backward() computes the gradients; a frozen layer is a weight with requires_grad=False</source>
            <translation>loss.backward()가 기울기를 계산합니다; 고정된 층은 requires_grad=False인 웨이트입니다</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="65" />
            <source>The NumPy loop's hand-written gradients in MLX: on Apple silicon's GPU (Metal), an NVIDIA GPU (the mlx-cuda extra) or the CPU. MLX's GPU has no float64: use float32 there</source>
            <translation>NumPy 루프의 손수 쓴 기울기를 MLX로: 애플 실리콘의 GPU(Metal), NVIDIA GPU(mlx-cuda 추가 설치) 또는 CPU에서. MLX의 GPU에는 float64가 없으니 거기서는 float32를 쓰세요</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="74" />
            <source>.</source>
            <translation>.</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="282" />
            <source>checking whether CuPy, MLX or PyTorch can use a GPU…</source>
            <translation>CuPy, MLX, PyTorch 가운데 GPU를 쓸 수 있는 것이 있는지 확인하는 중…</translation>
        </message>
        <message>
            <location filename="../../gui/layer_limit.py" line="39" />
            <source>With w1 frozen the loss is a quadratic in w2 and its curvature never changes: 2/λ_max of the w2 block at the drawn weights is the exact limit of the learning rate</source>
            <translation>w1을 고정하면 손실은 w2의 2차식이고 곡률이 변하지 않습니다: 처음 뽑은 웨이트에서 w2 블록의 2/λ_max가 학습률(learning rate)의 정확한 한계입니다</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="176" />
            <source>{diagnostics}: sharpness, dead units</source>
            <translation>{diagnostics}: 샤프니스, 죽은 유닛</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="191" />
            <source>Learning rate one decade down</source>
            <translation>학습률을 10분의 1로</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="193" />
            <source>Learning rate one decade up</source>
            <translation>학습률을 10배로</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="220" />
            <source>train at least one layer (w1 or w2)</source>
            <translation>적어도 한 층(w1 또는 w2)은 학습해야 합니다</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="281" />
            <source>GPU (probing…)</source>
            <translation>GPU (확인 중…)</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="288" />
            <source>GPU (unavailable)</source>
            <translation>GPU (사용 불가)</translation>
        </message>
        <message>
            <location filename="../../gui/params.py" line="326" />
            <source>{tip}

Invalid: {reason}</source>
            <translation>{tip}

잘못된 값: {reason}</translation>
        </message>
    </context>
    <context>
        <name>presets</name>
        <message>
            <location filename="../../session/presets.py" line="17" />
            <source>Tutorial</source>
            <translation>튜토리얼</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="18" />
            <source>The PyTorch tutorial's sizes and learning rate: the loss falls from about 3e7 to near 0.</source>
            <translation>PyTorch 튜토리얼의 크기와 학습률: 손실이 약 3e7에서 0 가까이로 줄어듭니다.</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="20" />
            <source>Divergence</source>
            <translation>발산</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="21" />
            <source>The tutorial at 4e-6, four times its learning rate: lr·λ_max starts near 9.4, the loss grows for 7 iterations and becomes non-finite at iteration 8 (seed 0). Rates up to about 3.1e-6 stay finite, but from 1.8e-6 on they stall at losses of 200-600 (see the Catapult preset).</source>
            <translation>튜토리얼의 학습률을 네 배로 한 4e-6: lr·λ_max가 9.4 근처에서 시작해 손실이 7번의 반복 동안 커지다가 반복 8에서 발산합니다(시드 0). 약 3.1e-6까지는 유한하지만 1.8e-6부터는 손실 200-600에서 정체합니다(카타펄트 프리셋 참고).</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="26" />
            <source>Catapult</source>
            <translation>카타펄트</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="27" />
            <source>lr 2e-6 with diagnostics: lr·λ_max starts at 4.7 &gt; 2, the loss climbs 23× in 2 iterations, the sharpness falls until lr·λ_max &lt; 1, and 75 of 100 hidden units die, so the loss stalls near 560 (seed 0).</source>
            <translation>진단을 켠 lr 2e-6: lr·λ_max가 4.7 &gt; 2에서 시작해 손실이 반복 2번 만에 23× 오르고, 샤프니스가 lr·λ_max &lt; 1이 될 때까지 줄며, 은닉 유닛 100개 중 75개가 죽어 손실이 560 근처에서 정체합니다(시드 0).</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="31" />
            <source>Quadratic (w1 frozen)</source>
            <translation>2차식 (w1 고정)</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="32" />
            <source>Only w2 is trained: the loss is a quadratic in w2, and 2/λ_max = 9.18e-7 is an exact bound. At 9e-7 (lr·λ_max = 1.96) it is still falling after 500 iterations; try 9.3e-7 to see it turn unstable.</source>
            <translation>w2만 학습합니다: 손실은 w2의 2차식이고, 2/λ_max = 9.18e-7은 정확한 한계입니다. 9e-7(lr·λ_max = 1.96)에서는 500회 반복 뒤에도 손실이 아직 내려가는 중입니다; 9.3e-7로 바꾸면 불안정해지는 것을 볼 수 있습니다.</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="37" />
            <source>512×4096×1024×10: 8.6 GFLOP per iteration, where an H100 ran about 140× faster than 16 CPU cores, at 3e-9 (1e-8 diverges).</source>
            <translation>512×4096×1024×10: 반복당 8.6 GFLOP, H100이 CPU 16코어보다 약 140× 빨랐던 크기, 학습률 3e-9 (1e-8은 발산).</translation>
        </message>
        <message>
            <location filename="../../session/presets.py" line="36" />
            <source>GPU showcase</source>
            <translation>GPU 시연</translation>
        </message>
    </context>
    <context>
        <name>profile</name>
        <message>
            <location filename="../../gui/profile_tool.py" line="36" />
            <source>Σ lines</source>
            <translation>Σ 줄</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="37" />
            <source>iteration, as one piece</source>
            <translation>반복 전체를 한 번에</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="38" />
            <source>Python between lines (iteration − Σ)</source>
            <translation>줄 사이의 Python (반복 − Σ)</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="39" />
            <source>the engine's iteration</source>
            <translation>엔진의 반복</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="40" />
            <source>statement</source>
            <translation>문장</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="40" />
            <source>device</source>
            <translation>장치</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="41" />
            <source>µs: median (low–high)</source>
            <translation>µs: 중앙값 (최소–최대)</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="42" />
            <source>issue µs</source>
            <translation>발행 µs</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="91" />
            <source>Written from this profile's medians: every number in it was measured here</source>
            <translation>이 프로파일의 중앙값으로 쓴 설명입니다: 모든 숫자를 여기서 측정했습니다</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="107" />
            <source>Chart</source>
            <translation>차트</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="108" />
            <source>Table</source>
            <translation>표</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="119" />
            <source>Refused: {reason}.</source>
            <translation>거부됨: {reason}.</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="133" />
            <source>Timing every statement of the tutorial's loop…</source>
            <translation>튜토리얼 루프의 모든 문장을 재는 중…</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="191" />
            <source>launch floor {time}</source>
            <translation>실행 하한 {time}</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="225" />
            <source>Profile stopped: the columns measured so far.</source>
            <translation>프로파일 중지: 지금까지 측정한 열입니다.</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="228" />
            <source>Profile finished, CPU only: {reason}.</source>
            <translation>프로파일 완료, CPU만: {reason}.</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="231" />
            <source>Profile finished.</source>
            <translation>프로파일을 마쳤습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/profile.py" line="52" />
            <source>must be a number above 0, got {value!r}</source>
            <translation>0보다 큰 숫자여야 합니다. 입력값: {value!r}</translation>
        </message>
    </context>
    <context>
        <name>race</name>
        <message>
            <location filename="../../gui/race_tool.py" line="38" />
            <source>CPU vs GPU (without a GPU: 1 thread vs all)</source>
            <translation>CPU 대 GPU (GPU가 없으면: 스레드 1개 대 전부)</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="39" />
            <source>float64 vs float32 (and tf32 on a GPU)</source>
            <translation>float64 대 float32 (GPU에서는 tf32도)</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="40" />
            <source>GPU paths: CuPy port vs fused vs CUDA graph</source>
            <translation>GPU 경로: CuPy 포트 대 융합 대 CUDA 그래프</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="41" />
            <source>Codes: NumPy vs PyTorch (Tensors, Autograd) vs MLX</source>
            <translation>코드: NumPy 대 PyTorch (Tensors, Autograd) 대 MLX</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="42" />
            <source>This machine's CPU vs a lane from another machine</source>
            <translation>이 컴퓨터의 CPU 대 다른 컴퓨터의 레인</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="48" />
            <source>A run imported from another machine (an exported notebook's record, from Colab say): this machine's CPU trains the same settings, and the two are compared by their loop times, measured apart</source>
            <translation>다른 컴퓨터에서 가져온 학습(예를 들어 Colab에서 실행한, 내보낸 노트북의 기록): 이 컴퓨터의 CPU가 같은 설정으로 학습하고, 둘을 따로 잰 루프 시간으로 비교합니다</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="58" />
            <source>What the runs differ in; everything else, the random draw included, is the same. The GPU paths need a GPU; the codes need the torch or the mlx extra.</source>
            <translation>학습끼리 다른 점; 난수를 포함한 나머지는 모두 같습니다. GPU 경로에는 GPU가, 코드 비교에는 torch나 mlx 추가 설치가 필요합니다.</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="74" />
            <source>Compare</source>
            <translation>비교</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="102" />
            <source>Refused: no run from another machine to race; import a notebook's record first (File → Export for Colab, then File → Import).</source>
            <translation>거부: 경주할 다른 컴퓨터의 학습이 없습니다; 먼저 노트북의 기록을 가져오세요(파일 → Colab용으로 내보내기, 그다음 파일 → 가져오기).</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="108" />
            <source>this machine's CPU (NumPy engine)</source>
            <translation>이 컴퓨터의 CPU (NumPy 엔진)</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="121" />
            <source>Refused: {reason}.</source>
            <translation>거부됨: {reason}.</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="142" />
            <source>Racing {lanes}…</source>
            <translation>경주 중: {lanes}…</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="143" />
            <location filename="../../gui/race_tool.py" line="200" />
            <source> against </source>
            <translation> 대 </translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="165" />
            <source>&lt;b&gt;{lane}&lt;/b&gt;: loop {time} over {count} runs, measured on {machine}, {status}</source>
            <translation>&lt;b&gt;{lane}&lt;/b&gt;: 학습 {count}번의 루프 {time}, {machine}에서 측정, {status}</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="170" />
            <source>&lt;b&gt;{lane}&lt;/b&gt;: loop {time} over {count} runs (setup {setup:.3f} s, not in the race; the curve is the median run), {status}</source>
            <translation>&lt;b&gt;{lane}&lt;/b&gt;: 학습 {count}번의 루프 {time} (준비 {setup:.3f} s는 경주에 포함하지 않음; 곡선은 중앙값 학습), {status}</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="179" />
            <source>Time to the target: {verdict}</source>
            <translation>목표까지 걸린 시간: {verdict}</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="187" />
            <source>Race stopped: the rounds measured so far.</source>
            <translation>경주 중지: 지금까지 측정한 라운드입니다.</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="189" />
            <source>Race finished.</source>
            <translation>경주를 마쳤습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="209" />
            <source>{threads} BLAS threads on the same CPU</source>
            <translation>같은 CPU에서 BLAS 스레드 {threads}개</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="212" />
            <source>the GPU paths {paths}</source>
            <translation>GPU 경로 {paths}</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="215" />
            <source>Same draw, same algorithm; {what}. </source>
            <translation>같은 난수, 같은 알고리즘; {what}. </translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="216" />
            <location filename="../../gui/race_tool.py" line="220" />
            <source>the same settings</source>
            <translation>같은 설정</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="218" />
            <source>Not the same draw: a lane from another machine trained on other arrays; {what}. </source>
            <translation>같은 난수가 아님: 다른 컴퓨터의 레인이 다른 배열로 학습했습니다; {what}. </translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="222" />
            <source>The loss curves agree to {difference:.1e} (relative): the same arithmetic, rounded in a different order.</source>
            <translation>손실 곡선이 {difference:.1e} (상대)까지 일치합니다: 같은 연산을 다른 순서로 반올림했을 뿐입니다.</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="225" />
            <source>float32 keeps about 7 significant digits</source>
            <translation>float32는 유효숫자 약 7자리</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="226" />
            <source>TF32 products keep about 3</source>
            <translation>TF32 곱은 약 3자리</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="229" />
            <source>The loss curves differ by up to {percent:.3g} % (relative): {kept} significant digits, and training amplifies the rounding.</source>
            <translation>손실 곡선이 최대 {percent:.3g} % (상대) 다릅니다: {kept}의 유효숫자를 유지하고, 학습이 반올림 오차를 키웁니다.</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="232" />
            <source> and </source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="233" />
            <source>The loss curves differ by up to {percent:.3g} % (relative).</source>
            <translation>손실 곡선이 최대 {percent:.3g} % (상대) 다릅니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="54" />
            <source>GPU, the tutorial's CuPy port</source>
            <translation>GPU, 튜토리얼의 CuPy 포트</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="55" />
            <source>GPU, fused step</source>
            <translation>GPU, 융합 스텝</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="56" />
            <source>GPU, CUDA graph</source>
            <translation>GPU, CUDA 그래프</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="69" />
            <source>no GPU can be used here</source>
            <translation>여기서는 쓸 수 있는 GPU가 없습니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="70" />
            <source>racing the GPU paths needs a GPU ({reason})</source>
            <translation>GPU 경로 경주에는 GPU가 필요합니다({reason})</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="85" />
            <source>this machine has one physical core and no GPU: there are no two CPU configurations to race</source>
            <translation>이 컴퓨터는 물리 코어가 하나이고 GPU가 없습니다: 경주할 CPU 구성이 두 가지가 아닙니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="88" />
            <source>CPU, 1 thread</source>
            <translation>CPU, 스레드 1개</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="89" />
            <source>CPU, {cores} threads (all physical cores)</source>
            <translation>CPU, 스레드 {cores}개 (모든 물리 코어)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="113" />
            <source>race --compare gpu-path runs the three GPU paths on the GPU; leave it out</source>
            <translation>race --compare gpu-path는 GPU에서 세 GPU 경로를 실행합니다; 이 옵션은 빼세요</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="127" />
            <source>race --compare device runs both CPU and GPU (or, without a GPU, two CPU thread counts); leave the device out, or compare dtypes</source>
            <translation>race --compare device는 CPU와 GPU를 둘 다 실행합니다(GPU가 없으면 CPU 스레드 수 두 가지); 장치를 빼거나 dtype을 비교하세요</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="133" />
            <location filename="../../engine/tools/race.py" line="138" />
            <source>CPU, {threads} threads</source>
            <translation>CPU, 스레드 {threads}개</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="136" />
            <source>1 is the first lane's count already; give the second lane's, for example 2</source>
            <translation>1은 이미 첫 레인의 스레드 수입니다; 두 번째 레인의 수를 주세요(예: 2)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="158" />
            <source>only one code can use the GPU here; race the codes on the CPU</source>
            <translation>여기서는 GPU를 쓸 수 있는 코드가 하나뿐입니다; 코드 경주는 CPU에서 하세요</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="175" />
            <source>racing the codes needs PyTorch or MLX, optional extras: {torch}, or {mlx}</source>
            <translation>코드 경주에는 선택 설치인 PyTorch나 MLX가 필요합니다: {torch} 또는 {mlx}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="260" />
            <source>{lane} did not reach {target}</source>
            <translation>{target}에 도달하지 못한 레인: {lane}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="278" />
            <source>to {target}: {verdict}</source>
            <translation>{target}까지: {verdict}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="281" />
            <source>{winner} reached {target} first: {fast:.3g} s against {slow:.3g} s ({factor})</source>
            <translation>{target}에 먼저 도달한 쪽: {winner}, {fast:.3g} s 대 {slow:.3g} s ({factor})</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="324" />
            <source>the lanes did not complete the same iterations ({why})</source>
            <translation>레인들이 같은 반복을 마치지 못했습니다({why})</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="343" />
            <source>the lanes ran on different machines, measured apart</source>
            <translation>레인들이 서로 다른 컴퓨터에서 따로 측정되었습니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="345" />
            <source>the race was stopped before every lane had run</source>
            <translation>모든 레인이 실행되기 전에 경주가 중지되었습니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="414" />
            <source>another machine</source>
            <translation>다른 컴퓨터</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="415" />
            <source>{there} ran on {machine} and {here} on this machine, measured apart: their loop times only, not alternated pairs</source>
            <translation>{there} 레인은 {machine}에서, {here} 레인은 이 컴퓨터에서 따로 측정했습니다: 번갈아 잰 쌍이 아니라 루프 시간만 비교합니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="420" />
            <source>; not compared: they did not complete the same iterations ({why})</source>
            <translation>; 비교하지 않음: 같은 반복을 마치지 않았습니다({why})</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="425" />
            <source>; {fast} was faster: {fast_time} against {slow_time}, {ratio:.3g}× by the medians</source>
            <translation>; {fast} 레인이 더 빨랐습니다: {fast_time} 대 {slow_time}, 중앙값으로 {ratio:.3g}배</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="429" />
            <source>; no clear winner: their ranges overlap ({first} against {second})</source>
            <translation>; 뚜렷한 승자 없음: 범위가 겹칩니다({first} 대 {second})</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="443" />
            <source>diverged at iteration {t}</source>
            <translation>반복 {t}에서 발산</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="444" />
            <source>{status} after {iterations} iterations</source>
            <translation>반복 {iterations}회 후 {status}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/race.py" line="459" />
            <source>{figure}, so {threads} BLAS threads waited for a core at every product</source>
            <translation>{figure} — 그래서 BLAS 스레드 {threads}개가 행렬 곱마다 코어를 기다렸습니다</translation>
        </message>
    </context>
    <context>
        <name>rate_sweep</name>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="45" />
            <source>must be a positive number, got {value!r}</source>
            <translation>양수여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="48" />
            <source>must be a number above the smallest rate ({smallest:g}), got {value!r}</source>
            <translation>가장 작은 학습률({smallest:g})보다 큰 숫자여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="53" />
            <source>must be a whole number of at least 2, got {value!r}</source>
            <translation>2 이상의 정수여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="56" />
            <source>must be a number between 0 and 1, got {value!r}</source>
            <translation>0과 1 사이의 숫자여야 합니다. 입력값: {value!r}</translation>
        </message>
    </context>
    <context>
        <name>readout</name>
        <message>
            <location filename="../../gui/readout.py" line="96" />
            <source>wall clock</source>
            <translation>실행 시간</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="100" />
            <source>The training loop's time, live and after the run (the tutorial's 'Completed in X seconds'); setup (the draw, the copy to the device, the warm-up) is not in it.</source>
            <translation>학습 루프의 실행 시간, 학습 중과 학습 후(튜토리얼의 'Completed in X seconds'); 준비(난수 생성, 장치로 복사, 예열)는 포함하지 않습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="107" />
            <source>Ready</source>
            <translation>준비됨</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="121" />
            <source>Iteration</source>
            <translation>반복</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="121" />
            <source>Iterations done of the total</source>
            <translation>전체 중 마친 반복</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="123" />
            <source>Iterations/s</source>
            <translation>반복/s</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="123" />
            <source>Iterations per second of loop time</source>
            <translation>루프 시간 1초당 반복</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="126" />
            <source>Time left</source>
            <translation>남은 시간</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="127" />
            <source>Time left at the current rate</source>
            <translation>현재 속도로 남은 시간</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="129" />
            <source>4·N·D_in·H + 6·N·H·D_out operations per iteration, per second of the training's own time (diagnostics' time apart)</source>
            <translation>반복당 4·N·D_in·H + 6·N·H·D_out 연산, 학습 자체 시간 1초당(진단 시간 제외)</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="132" />
            <source>Loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="132" />
            <source>The latest loss, Σ (y_pred − y)²</source>
            <translation>가장 최근 손실(loss), Σ (y_pred − y)²</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="134" />
            <source>Setup</source>
            <translation>준비</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="134" />
            <source>Random draw, copy to the device and GPU warm-up, outside the loop time</source>
            <translation>난수 생성, 장치로 복사, GPU 예열: 루프 시간 밖</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="137" />
            <source>Diagnostics</source>
            <translation>진단</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="137" />
            <source>The loop time the diagnostics took (sharpness, dead units), shown apart from the training's</source>
            <translation>진단(샤프니스, 죽은 유닛)에 든 루프 시간, 학습 시간과 따로 보여 줍니다</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="155" />
            <source>CPU busy</source>
            <translation>CPU 사용 중</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="157" />
            <location filename="../../gui/readout.py" line="166" />
            <source>Other programs used the CPU while this run was timed: its time is not one to quote</source>
            <translation>이 학습을 재는 동안 다른 프로그램이 CPU를 사용했습니다: 이 시간은 인용할 만한 시간이 아닙니다</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="168" />
            <source>How the GPU issued this run's iterations (the GPU path setting), and why, where it is not the one chosen</source>
            <translation>GPU가 이 학습의 반복을 어떻게 실행했는지(GPU 경로 설정), 고른 것과 다르면 그 이유</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="171" />
            <source>How many BLAS threads this CPU run trained with, and why: `auto` measures the counts on the run's own arrays and leaves the cores other programs use alone</source>
            <translation>이 CPU 학습이 쓴 BLAS 스레드 수와 그 이유: `auto`는 학습 자신의 배열로 스레드 수를 재고, 다른 프로그램이 쓰는 코어는 건드리지 않습니다</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="174" />
            <source>The matrix products one backward pass of this run actually ran, counted at one iteration (for autograd, by PyTorch's dispatcher): a frozen layer's are skipped</source>
            <translation>이 학습의 역전파 한 번이 실제로 실행한 행렬 곱, 반복 한 번에서 셉니다(autograd는 PyTorch 디스패처로): 고정된 층의 곱은 건너뜁니다</translation>
        </message>
        <message>
            <location filename="../../gui/readout.py" line="182" />
            <source>Written from this run's diagnostics: every number in it was measured in the run</source>
            <translation>이 학습의 진단으로 쓴 설명입니다: 모든 숫자를 이 학습에서 측정했습니다</translation>
        </message>
    </context>
    <context>
        <name>records</name>
        <message>
            <location filename="../../engine/core/result.py" line="325" />
            <source>not JSON ({error})</source>
            <translation>JSON이 아닙니다({error})</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="329" />
            <source>its format {format} is not one this program writes</source>
            <translation>형식 {format}: 이 프로그램이 쓰는 형식이 아닙니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="332" />
            <source>it is version {version} of the {format} format; this program reads version {known}</source>
            <translation>{format} 형식의 버전 {version}입니다; 이 프로그램은 버전 {known}을(를) 읽습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="341" />
            <location filename="../../engine/core/result.py" line="344" />
            <source>it holds no run records</source>
            <translation>학습 기록이 들어 있지 않습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="347" />
            <source>record {index}</source>
            <translation>기록 {index}</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="348" />
            <source>the record</source>
            <translation>기록</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="351" />
            <source>{where} is not a run record of this program (it needs config, status, losses and loop_seconds)</source>
            <translation>{where}은(는) 이 프로그램의 학습 기록이 아닙니다(config, status, losses, loop_seconds가 필요합니다)</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="357" />
            <source>{where} does not read as a run record: {error}</source>
            <translation>{where}을(를) 학습 기록으로 읽을 수 없습니다: {error}</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="363" />
            <source>{where} has a negative or non-finite time or iteration count</source>
            <translation>{where}: 시간이나 반복 횟수가 음수이거나 유한하지 않습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="366" />
            <source>{where} has {losses} losses for {iterations} iterations</source>
            <translation>{where}에는 반복 {iterations}회에 손실이 {losses}개 있습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="383" />
            <source>the notebook's record has no machine or draw</source>
            <translation>노트북의 기록에 컴퓨터나 난수 정보가 없습니다</translation>
        </message>
    </context>
    <context>
        <name>run_controller</name>
        <message>
            <location filename="../../gui/run_controller.py" line="154" />
            <source>#{number} running: lr {lr:g}, {device} {dtype}</source>
            <translation>#{number} 학습 중: lr {lr:g}, {device} {dtype}</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="161" />
            <source>Running {iterations:,} iterations on the {device}…</source>
            <translation>{device}에서 반복 {iterations:,}회 실행 중…</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="265" />
            <source>History full ({runs} runs or {losses:,} losses kept): dropped {dropped}</source>
            <translation>기록이 가득 찼습니다(학습 {runs}개 또는 손실 {losses:,}개까지 보관): {dropped} 삭제</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="297" />
            <source>catapult: lr·λ_max &gt; 2, loss rising, then below 2 from t = {t}</source>
            <translation>카타펄트: lr·λ_max &gt; 2, 손실 증가, 그 뒤 t = {t}부터 2 아래</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="300" />
            <source>diverging: lr·λ_max &gt; 2, loss rising, never below 2 again</source>
            <translation>발산 중: lr·λ_max &gt; 2, 손실 증가, 다시는 2 아래로 내려가지 않음</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="302" />
            <source>lr·λ_max &gt; 2, loss rising, not below 2 again by the run's end</source>
            <translation>lr·λ_max &gt; 2, 손실 증가, 학습이 끝날 때까지 2 아래로 내려가지 않음</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="310" />
            <source>, while other programs used the CPU</source>
            <translation>, 다른 프로그램이 CPU를 쓰는 동안</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="315" />
            <source>Completed in {time}: the median of {count} repeats{busy}</source>
            <translation>{time}에 완료: {count}회 반복의 중앙값{busy}</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="319" />
            <source>Completed in {seconds:.3f} s, unstable: the loss ended above where it began. Lower the learning rate.{busy}</source>
            <translation>{seconds:.3f} s에 완료, 불안정: 손실이 시작보다 높게 끝났습니다. 학습률을 낮추세요.{busy}</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="324" />
            <source>Completed in {seconds:.3f} s{busy}</source>
            <translation>{seconds:.3f} s에 완료{busy}</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="327" />
            <source>Diverged at iteration {t}: the loss became non-finite. Lower the learning rate (÷10).</source>
            <translation>반복 {t}에서 발산: 손실이 유한하지 않게 되었습니다. 학습률을 낮추세요(÷10).</translation>
        </message>
        <message>
            <location filename="../../gui/run_controller.py" line="332" />
            <source>Stopped after {iterations:,} iterations ({seconds:.3f} s)</source>
            <translation>반복 {iterations:,}회 후 중지 ({seconds:.3f} s)</translation>
        </message>
    </context>
    <context>
        <name>run_table</name>
        <message>
            <location filename="../../gui/run_table.py" line="39" />
            <source>show</source>
            <translation>표시</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="40" />
            <source>code</source>
            <translation>코드</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="40" />
            <source>machine</source>
            <translation>컴퓨터</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="41" />
            <source>device</source>
            <translation>장치</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="42" />
            <source>threads</source>
            <translation>스레드</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="43" />
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="43" />
            <source>layers</source>
            <translation>층</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="44" />
            <source>status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="44" />
            <source>loop time</source>
            <translation>루프 시간</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="45" />
            <source>final loss</source>
            <translation>최종 손실</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="46" />
            <source>to target</source>
            <translation>목표까지</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="47" />
            <source>speedup</source>
            <translation>가속비</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="55" />
            <source>baseline</source>
            <translation>기준선</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="57" />
            <source>— (other work)</source>
            <translation>— (다른 작업량)</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="60" />
            <source>— (Repeat ×{pairs} both to compare)</source>
            <translation>— (비교하려면 둘 다 반복 측정 ×{pairs})</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="63" />
            <source>—, within noise</source>
            <translation>—, 잡음 범위 안</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="67" />
            <source>{speedup:.3g}× ({low:.3g}–{high:.3g}, {agree} of {pairs} pairs)</source>
            <translation>{speedup:.3g}× ({low:.3g}–{high:.3g}, {pairs}쌍 중 {agree}쌍)</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="81" />
            <source>both</source>
            <translation>둘 다</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="88" />
            <source>How the run ended, and what it learned: learned (the loss fell below a millionth of its initial value), still falling (by 5 % or more over its last fifth), plateaued (flat, well above zero: a catapult's, or the best fit of a problem that cannot be fitted exactly), unstable (finite, but no lower than it began), diverged (non-finite, at iteration t)</source>
            <translation>학습이 어떻게 끝났고 무엇을 배웠는지: 학습 성공(손실이 초기값의 백만분의 1 아래로 줄어듦), 아직 감소 중(마지막 5분의 1 동안 5 % 이상 줄어듦), 정체(0보다 한참 위에서 평평함: 카타펄트, 또는 정확히 맞출 수 없는 문제의 최선), 불안정(유한하지만 시작보다 낮아지지 않음), 발산(반복 t에서 유한하지 않게 됨)</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="94" />
            <source>Time to the target ({target}), MLPerf's time to train: the first iteration t whose loss was at or below it, and the seconds into the loop when it ended; a diverged run never reaches it. Set the target under the controls on the left.</source>
            <translation>목표({target})까지 걸린 시간(벤치마크에서 쓰는 학습 완료 시간): 손실이 처음으로 목표 이하가 된 반복 t와, 그 반복이 끝난 시점의 루프 시작 후 초. 발산한 실행은 목표에 도달하지 않은 것으로 칩니다. 목표는 왼쪽 컨트롤 아래에서 정합니다.</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="100" />
            <source>Where the run trained: this machine, or another one whose record was imported (an exported notebook run on Colab, say). Times from another machine were measured there, apart from this machine's: hover a row for its facts.</source>
            <translation>학습한 곳: 이 컴퓨터, 또는 기록을 가져온 다른 컴퓨터(예를 들어 Colab에서 실행한, 내보낸 노트북). 다른 컴퓨터의 시간은 이 컴퓨터와 따로 그곳에서 측정한 것입니다: 행 위에 마우스를 올리면 그 사실이 보입니다.</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="128" />
            <source>Every run of this session. Untick a run to hide it from the plot; select runs to delete them or to use one as the baseline of the speedup column (baseline loop time / this run's). Double-click a diverged run to zoom to its divergence; Home on the plot shows every run again.</source>
            <translation>이번 세션의 모든 학습. 체크를 끄면 그래프에서 숨깁니다; 학습을 선택해 삭제하거나 가속비 열의 기준선(기준선 루프 시간 / 이 학습의 루프 시간)으로 쓸 수 있습니다. 발산한 학습을 두 번 클릭하면 그 발산을 확대하고, 그래프에서 Home 키를 누르면 모든 학습을 다시 보여 줍니다.</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="137" />
            <source>Delete</source>
            <translation>삭제</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="139" />
            <source>Remove the selected runs from the table, the plot and the export (Delete)</source>
            <translation>선택한 학습을 표, 그래프, 내보내기에서 지웁니다 (Delete)</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="143" />
            <source>Use as baseline</source>
            <translation>기준선으로 사용</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="145" />
            <source>Add a speedup column against the selected run</source>
            <translation>선택한 학습에 대한 가속비 열을 추가합니다</translation>
        </message>
        <message>
            <location filename="../../gui/run_table.py" line="251" />
            <source>Show this run on the plot</source>
            <translation>이 학습을 그래프에 표시</translation>
        </message>
    </context>
    <context>
        <name>sessions</name>
        <message>
            <location filename="../../gui/kept_sessions.py" line="71" />
            <source>today {time}</source>
            <translation>오늘 {time}</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="73" />
            <source>yesterday {time}</source>
            <translation>어제 {time}</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="79" />
            <source>{count} runs</source>
            <translation>실행 {count}개</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="80" />
            <source>{count} run</source>
            <translation>실행 {count}개</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="81" />
            <source>, {count} tool results</source>
            <translation>, 도구 결과 {count}개</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="99" />
            <source>Dismiss</source>
            <translation>닫기</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="176" />
            <source>Could not keep the runs on disk ({reason}): runs go on, and the next one tries again.</source>
            <translation>실행을 디스크에 보관하지 못했습니다({reason}): 실행은 계속되며, 다음 실행 때 다시 시도합니다.</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="190" />
            <source>Reopen the last session ({summary})?</source>
            <translation>지난 세션을 다시 열까요? ({summary})</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="191" />
            <location filename="../../gui/kept_sessions.py" line="250" />
            <source>Reopen</source>
            <translation>다시 열기</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="202" />
            <source>Kept sessions take {total}, over the limit of {limit}: delete the {count} oldest?</source>
            <translation>보관된 세션 크기 {total}, 한도 {limit} 초과: 가장 오래된 세션 {count}개를 삭제할까요?</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="205" />
            <source>Delete them</source>
            <translation>삭제</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="215" />
            <source>Cannot reopen {path}: {reason}</source>
            <translation>다시 열 수 없습니다: {path}: {reason}</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="223" />
            <source>Reopened {count} runs from {when}</source>
            <translation>{when}의 실행 {count}개를 다시 열었습니다</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="230" />
            <source>Deleted {count} kept sessions</source>
            <translation>보관된 세션 {count}개를 삭제했습니다</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="231" />
            <source>Deleted the kept session {path}</source>
            <translation>보관된 세션을 삭제했습니다: {path}</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="242" />
            <source>No kept sessions yet</source>
            <translation>아직 보관된 세션이 없습니다</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="245" />
            <source>unreadable: {path} ({reason})</source>
            <translation>읽을 수 없음: {path} ({reason})</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="253" />
            <source>Delete…</source>
            <translation>삭제…</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="256" />
            <source>Disk limit: {limit}…</source>
            <translation>디스크 한도: {limit}…</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="261" />
            <source>Delete a kept session</source>
            <translation>보관된 세션 삭제</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="262" />
            <source>Delete {path}? Its runs cannot be reopened afterwards.</source>
            <translation>{path}을(를) 삭제할까요? 삭제한 뒤에는 그 실행들을 다시 열 수 없습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="271" />
            <source>Disk limit of kept sessions</source>
            <translation>보관된 세션의 디스크 한도</translation>
        </message>
        <message>
            <location filename="../../gui/kept_sessions.py" line="272" />
            <source>Gigabytes (beyond it, the oldest sessions are offered for deletion):</source>
            <translation>기가바이트 (넘으면 가장 오래된 세션부터 삭제를 제안합니다):</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <location filename="../../engine/core/config.py" line="151" />
            <source>N</source>
            <translation>N</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="152" />
            <source>batch size N: the rows of x (N×D_in) and y (N×D_out). Tutorial: 64</source>
            <translation>배치 크기 N: x (N×D_in)와 y (N×D_out)의 행 수. 튜토리얼: 64</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="155" />
            <source>D_in</source>
            <translation>D_in</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="156" />
            <source>input size D_in: x is N×D_in and w1 is D_in×H. Tutorial: 1024 (32×32 pixels)</source>
            <translation>입력 크기 D_in: 입력 x는 N×D_in, w1은 D_in×H. 튜토리얼: 1024 (32×32 픽셀)</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="158" />
            <source>H</source>
            <translation>H</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="159" />
            <source>hidden units H: w1 is D_in×H, w2 is H×D_out. Tutorial: 100</source>
            <translation>은닉층 유닛 수 H: w1은 D_in×H, w2는 H×D_out. 튜토리얼: 100</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="161" />
            <source>D_out</source>
            <translation>D_out</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="162" />
            <source>output size D_out: y and y_pred are N×D_out. Tutorial: 10</source>
            <translation>출력 크기 D_out: 출력 y와 y_pred는 N×D_out. 튜토리얼: 10</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="165" />
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="166" />
            <source>learning rate of plain SGD: w ← w − lr·grad. Tutorial: 1e-6; above about 3e-6 it diverges</source>
            <translation>학습률(learning rate), 확률적 경사 하강법의 w ← w − lr·grad. 튜토리얼: 1e-6; 약 3e-6을 넘으면 발산합니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="169" />
            <source>Iterations</source>
            <translation>학습 횟수</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="170" />
            <source>training iterations t: forward pass, loss, backward pass, update. Tutorial: 500</source>
            <translation>학습 횟수 t: 순전파, 손실, 역전파, 웨이트 업데이트. 튜토리얼: 500</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="173" />
            <source>Device</source>
            <translation>장치</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="174" />
            <source>where the same algorithm runs: NumPy on the CPU or CuPy on a GPU</source>
            <translation>같은 알고리즘을 실행할 곳: CPU의 NumPy 또는 GPU의 CuPy</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="177" />
            <source>Code</source>
            <translation>코드</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="178" />
            <source>the code that trains: numpy (the engine: the tutorial's NumPy lines, CuPy on a GPU), torch (the tutorial's "PyTorch: Tensors": the same hand-written gradients on torch tensors) or autograd ("PyTorch: Autograd": loss.backward() computes them; a frozen layer is requires_grad=False) or mlx (the NumPy lines in MLX: Apple silicon's GPU, CUDA or the CPU). All start from the same draw; torch and autograd need the torch extra, mlx the mlx extra</source>
            <translation>학습하는 코드: numpy (엔진: 튜토리얼의 NumPy 코드, GPU에서는 CuPy), torch (튜토리얼의 "PyTorch: Tensors": torch 텐서 위에서 같은 손수 쓴 기울기), autograd ("PyTorch: Autograd": loss.backward()가 기울기를 계산; 고정된 층은 requires_grad=False), mlx (NumPy 코드를 MLX로: 애플 실리콘의 GPU, CUDA 또는 CPU). 모두 같은 난수에서 시작합니다; torch와 autograd에는 torch 추가 설치가, mlx에는 mlx 추가 설치가 필요합니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="187" />
            <source>dtype</source>
            <translation>dtype</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="188" />
            <source>floating-point type of x, y, w1, w2: float64 (the tutorial's), float32, or tf32: float32 arrays whose products run on a GPU's TensorFloat-32 tensor cores (10-bit mantissa; GPU only)</source>
            <translation>x, y, w1, w2의 부동소수점 형식: float64 (튜토리얼), float32, 또는 tf32: 행렬 곱을 GPU의 TensorFloat-32 텐서 코어에서 계산하는 float32 배열 (가수 10비트; GPU 전용)</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="192" />
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="193" />
            <source>seed of numpy.random.default_rng: x, y, w1, w2 are drawn in that order, so every device starts from the same numbers. Tutorial: 0</source>
            <translation>numpy.random.default_rng의 시드: x, y, w1, w2를 이 순서로 뽑으므로 모든 장치가 같은 숫자에서 시작합니다. 튜토리얼: 0</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="197" />
            <source>CPU threads</source>
            <translation>CPU 스레드</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="198" />
            <source>BLAS threads for CPU runs: auto picks by the work per iteration (small products run faster on fewer threads), or a count</source>
            <translation>CPU 학습의 BLAS 스레드 수: auto는 반복당 연산량으로 고릅니다(작은 행렬 곱은 스레드가 적을수록 빠름), 또는 개수를 지정</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="203" />
            <source>Layers</source>
            <translation>학습할 층</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="204" />
            <source>the layers SGD trains; the other is frozen, its gradient neither computed nor applied, as with PyTorch's requires_grad=False</source>
            <translation>확률적 경사 하강법이 학습할 층; 나머지 층은 고정되어 PyTorch의 requires_grad=False처럼 기울기를 계산하지도 적용하지도 않습니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="207" />
            <source>Diagnostics</source>
            <translation>진단</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="209" />
            <source>record dead hidden units, norms and the sharpness λ_max every iteration, and explain the run from them (slows a run several times)</source>
            <translation>매 반복 죽은 은닉 유닛, 노름, 샤프니스 λ_max를 기록하고 그것으로 학습을 설명합니다(학습이 몇 배 느려집니다)</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="213" />
            <source>GPU path</source>
            <translation>GPU 경로</translation>
        </message>
        <message>
            <location filename="../../engine/core/config.py" line="214" />
            <source>how a GPU run issues its iterations: port (the tutorial's lines on CuPy, which wait for the GPU every iteration), fused (one prepared step, eight launches, no waiting), graph (the fused step captured as a CUDA graph and replayed: one launch per few milliseconds; fused where capture is unavailable)</source>
            <translation>GPU 학습이 반복을 실행하는 방식: port (CuPy 위의 튜토리얼 코드, 매 반복 GPU를 기다림), fused (미리 준비한 스텝 하나, 커널 8번 실행, 기다림 없음), graph (융합 스텝을 CUDA 그래프로 캡처해 재실행: 몇 밀리초마다 한 번 실행; 캡처할 수 없으면 fused)</translation>
        </message>
        <message>
            <location filename="../../engine/tools/profile.py" line="41" />
            <source>Scale by</source>
            <translation>배율</translation>
        </message>
        <message>
            <location filename="../../engine/tools/profile.py" line="43" />
            <source>the second column multiplies N, D_in and H by this: where the GPU turns from launch-bound to compute-bound</source>
            <translation>두 번째 열은 N, D_in, H에 이 값을 곱합니다: GPU가 실행 한계에서 연산 한계로 바뀌는 지점</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="26" />
            <source>From</source>
            <translation>시작</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="27" />
            <source>smallest learning rate of the grid</source>
            <translation>격자의 가장 작은 학습률</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="29" />
            <source>To</source>
            <translation>끝</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="30" />
            <source>largest learning rate of the grid</source>
            <translation>격자의 가장 큰 학습률</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="32" />
            <source>Rates</source>
            <translation>학습률 개수</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="33" />
            <source>log-spaced learning rates on the grid; each trains for the run's iterations</source>
            <translation>격자 위에 로그 간격으로 놓인 학습률 개수; 각각 학습 횟수만큼 학습합니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="37" />
            <source>Tolerance</source>
            <translation>허용 오차</translation>
        </message>
        <message>
            <location filename="../../engine/tools/rate_sweep.py" line="38" />
            <source>bisection refines the largest rate whose loss fell until it and the next rate whose loss did not are this close (relative)</source>
            <translation>이분법은 손실이 줄어든 가장 큰 학습률과 줄지 않은 다음 학습률이 이만큼(상대) 가까워질 때까지 좁힙니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/settings.py" line="110" />
            <location filename="../../engine/core/settings.py" line="113" />
            <source>must be a whole number, got {text!r}</source>
            <translation>정수여야 합니다. 입력값: {text!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/settings.py" line="123" />
            <source>must be a number such as 1e-6, got {text!r}</source>
            <translation>1e-6 같은 숫자여야 합니다. 입력값: {text!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/settings.py" line="126" />
            <source>must be finite, got {text!r}</source>
            <translation>유한한 값이어야 합니다. 입력값: {text!r}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="35" />
            <source>Steps</source>
            <translation>단계 수</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="36" />
            <source>sizes in the sweep: step k multiplies the scaled sizes by factor^k, starting from the run's settings</source>
            <translation>스윕할 크기의 수: 단계 k는 학습 설정에서 시작해 키울 크기에 배수^k를 곱합니다</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="39" />
            <source>Factor</source>
            <translation>배수</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="40" />
            <source>growth of each scaled size per step</source>
            <translation>단계마다 크기가 커지는 배수</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="44" />
            <source>Scale</source>
            <translation>키울 크기</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="45" />
            <source>the sizes that grow, from n,d_in,hidden,d_out</source>
            <translation>커지는 크기, n,d_in,hidden,d_out 중에서</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="48" />
            <source>Budget</source>
            <translation>시간 예산</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="49" />
            <source>seconds of training per point and device (at least three repeats); a point predicted to need over 10× this is skipped</source>
            <translation>점과 장치마다 학습할 초(최소 세 번 반복); 이보다 10× 넘게 걸릴 것으로 예측되는 점은 건너뜁니다</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="16" />
            <source>Target loss</source>
            <translation>목표 손실</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="17" />
            <source>the loss a run is timed to (MLPerf's time to train): a fraction of the run's initial loss, or a loss with --target-absolute</source>
            <translation>실행 시간을 재는 기준이 되는 손실(벤치마크에서 쓰는 학습 완료 시간): 실행의 초기 손실에 대한 비율, 또는 절댓값을 켜면 손실 값 자체</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="22" />
            <source>absolute</source>
            <translation>절댓값</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="24" />
            <source>the target is a loss, not a fraction of the initial loss</source>
            <translation>목표가 초기 손실에 대한 비율이 아니라 손실 값 자체입니다</translation>
        </message>
    </context>
    <context>
        <name>size_sweep</name>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="36" />
            <source>device</source>
            <translation>장치</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="36" />
            <source>MFLOP/it</source>
            <translation>MFLOP/반복</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="37" />
            <source>ms/it (low–high)</source>
            <translation>ms/반복 (최소–최대)</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="38" />
            <source>note</source>
            <translation>비고</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="107" />
            <source>Sweeping {steps} sizes, about {budget:g} s per point and device…</source>
            <translation>크기 {steps}개를 스윕하는 중, 점과 장치마다 약 {budget:g} s…</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="121" />
            <source>{repeats} repeats, {iterations} iterations</source>
            <translation>{repeats}회 반복 측정, 반복 {iterations}회</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="123" />
            <source>skipped: {reason}</source>
            <translation>건너뜀: {reason}</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="159" />
            <source>GPU faster from {mflop:,.0f} MFLOP</source>
            <translation>{mflop:,.0f} MFLOP부터 GPU가 더 빠름</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="164" />
            <source>The GPU wins from &lt;b&gt;{mflop:,.1f} MFLOP&lt;/b&gt; per iteration on.</source>
            <translation>반복당 &lt;b&gt;{mflop:,.1f} MFLOP&lt;/b&gt;부터 GPU가 이깁니다.</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="168" />
            <source>{speedup:,.0f}× faster</source>
            <translation>{speedup:,.0f}× 빠름</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="175" />
            <source>Largest speedup: &lt;b&gt;{speedup}&lt;/b&gt; (the ratio of the medians; in brackets, the range the repeats allow) at {mflop:,.0f} MFLOP per iteration.</source>
            <translation>최대 가속비: 반복당 {mflop:,.0f} MFLOP에서 &lt;b&gt;{speedup}&lt;/b&gt; (중앙값의 비; 괄호 안은 반복 측정이 허용하는 범위).</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="181" />
            <source>CPU only here: no GPU to compare with.</source>
            <translation>여기서는 CPU만: 비교할 GPU가 없습니다.</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="186" />
            <source>{count} point(s) skipped (see the table).</source>
            <translation>점 {count}개를 건너뛰었습니다(표 참고).</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="190" />
            <source>Sweep finished.</source>
            <translation>스윕을 마쳤습니다.</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="56" />
            <source>must be a whole number of at least 1, got {value!r}</source>
            <translation>1 이상의 정수여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="59" />
            <source>must be a number above 1, got {value!r}</source>
            <translation>1보다 큰 숫자여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="63" />
            <source>none</source>
            <translation>없음</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="64" />
            <source>choose at least one size to scale, from {sizes}; got {given}</source>
            <translation>{sizes} 중에서 키울 크기를 적어도 하나 고르세요. 입력값: {given}</translation>
        </message>
        <message>
            <location filename="../../engine/tools/size_sweep.py" line="69" />
            <source>must be a positive number of seconds, got {value!r}</source>
            <translation>양수인 초여야 합니다. 입력값: {value!r}</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <location filename="../../engine/core/result.py" line="32" />
            <source>completed</source>
            <translation>완료</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="32" />
            <source>stopped</source>
            <translation>중지됨</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="33" />
            <source>diverged</source>
            <translation>발산</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="33" />
            <source>refused</source>
            <translation>거부됨</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="34" />
            <source>failed</source>
            <translation>실패</translation>
        </message>
        <message>
            <location filename="../../engine/core/result.py" line="34" />
            <source>crashed</source>
            <translation>비정상 종료</translation>
        </message>
    </context>
    <context>
        <name>target</name>
        <message>
            <location filename="../../engine/core/result.py" line="152" />
            <source>not reached</source>
            <translation>도달하지 못함</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="30" />
            <source>must be a positive number, got {value!r}</source>
            <translation>양수여야 합니다. 입력값: {value!r}</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="33" />
            <source>as a fraction of the initial loss it must be below 1, got {value:g} (a loss is an absolute target)</source>
            <translation>초기 손실에 대한 비율은 1보다 작아야 합니다. 입력값: {value:g} (손실 값 자체는 절댓값 목표입니다)</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="44" />
            <source>loss {value:g}</source>
            <translation>손실 {value:g}</translation>
        </message>
        <message>
            <location filename="../../engine/core/target.py" line="45" />
            <source>{value:g} of the initial loss</source>
            <translation>초기 손실의 {value:g}배</translation>
        </message>
    </context>
    <context>
        <name>threads</name>
        <message>
            <location filename="../../engine/machine/threads.py" line="59" />
            <source>{threads} is more than the {cores} physical cores: oversubscribed BLAS threads spin, and a run can take many times longer (0.3 s took 17-33 s at the tutorial's sizes with 3 threads on 2 cores)</source>
            <translation>{threads}은(는) 물리 코어 수 {cores}보다 많습니다: 초과 할당된 BLAS 스레드는 헛돌고, 학습이 몇 배나 오래 걸릴 수 있습니다(튜토리얼 크기에서 2코어에 스레드 3개로 0.3 s 걸리던 학습이 17-33 s 걸렸습니다)</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="143" />
            <source>{count} (set)</source>
            <translation>{count} (지정)</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="145" />
            <source>{count}: this machine has one physical core</source>
            <translation>{count}: 이 컴퓨터의 물리 코어는 하나입니다</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="149" />
            <source> (calibrated per iteration: {measured})</source>
            <translation> (반복당 보정 측정: {measured})</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="152" />
            <source>{count}: products large enough for every idle core (the fastest of {samples} warm iterations took {ms:.3g} ms)</source>
            <translation>{count}: 행렬 곱이 커서 쉬는 코어를 모두 씀 (예열된 반복 {samples}번 중 가장 빠른 것이 {ms:.3g} ms)</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="157" />
            <source>{count} (calibrated earlier, per iteration: {measured})</source>
            <translation>{count} (앞서 보정 측정, 반복당: {measured})</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="160" />
            <source>{count} (calibrated, per iteration: {measured})</source>
            <translation>{count} (보정 측정, 반복당: {measured})</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="183" />
            <source>{count} thread</source>
            <translation>스레드 {count}개</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="184" />
            <source>{count} threads</source>
            <translation>스레드 {count}개</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="192" />
            <source>iterations took {slowdown:.1f}× the calibrated {ms:.3g} ms</source>
            <translation>반복이 보정 측정한 {ms:.3g} ms의 {slowdown:.1f}× 걸림</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="197" />
            <source>{slower} while {figure}</source>
            <translation>{slower} ({figure})</translation>
        </message>
        <message>
            <location filename="../../engine/machine/threads.py" line="199" />
            <source>{slower}; {figure}, too little to explain it</source>
            <translation>{slower}; {figure}: 이것으로 설명하기에는 너무 적음</translation>
        </message>
    </context>
    <context>
        <name>tools</name>
        <message>
            <location filename="../../gui/lr_sweep_tool.py" line="42" />
            <source>learning-rate sweep</source>
            <translation>학습률 스윕</translation>
        </message>
        <message>
            <location filename="../../gui/profile_tool.py" line="60" />
            <source>profile</source>
            <translation>프로파일</translation>
        </message>
        <message>
            <location filename="../../gui/race_tool.py" line="31" />
            <source>race</source>
            <translation>경주</translation>
        </message>
        <message>
            <location filename="../../gui/size_sweep_tool.py" line="45" />
            <source>size sweep</source>
            <translation>크기 스윕</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="99" />
            <source>Run {tool}</source>
            <translation>{tool} 실행</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="102" />
            <source>Stop</source>
            <translation>중지</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="106" />
            <source>Export…</source>
            <translation>내보내기…</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="108" />
            <source>Save this tab's chart (PNG), table (CSV) and result (JSON) into a folder</source>
            <translation>이 탭의 차트(PNG), 표(CSV), 결과(JSON)를 폴더에 저장합니다</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="112" />
            <source>Uses the settings on the left.</source>
            <translation>왼쪽의 설정을 사용합니다.</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="221" />
            <source>Nothing to export yet: run the tool first.</source>
            <translation>아직 내보낼 것이 없습니다: 먼저 도구를 실행하세요.</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="229" />
            <source>Export failed: {error}</source>
            <translation>내보내기 실패: {error}</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="232" />
            <source>Exported to {folder}</source>
            <translation>{folder}에 내보냈습니다</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="237" />
            <source>Export the {tool} into</source>
            <translation>{tool}을(를) 내보낼 폴더</translation>
        </message>
        <message>
            <location filename="../../gui/tool_base.py" line="262" />
            <source>Stopping…</source>
            <translation>중지하는 중…</translation>
        </message>
    </context>
    <context>
        <name>train</name>
        <message>
            <location filename="../../engine/run/train.py" line="46" />
            <source>a GPU was asked for but cannot be used: {reason}</source>
            <translation>GPU를 요청했지만 쓸 수 없습니다: {reason}</translation>
        </message>
    </context>
</TS>
